package dev.aftercall.server.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.pipeline.CallWork;
import dev.aftercall.server.tx.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the pipeline stages made of a call, kept as one JSON object in {@code call.results}. Stages hand data on
 * through it: extraction writes {@code post_call} and {@code ai_analysis}, functions change {@code post_call},
 * {@code functions_called}, {@code conversion_status} and the rest of {@link #CALL_STATE}, and later stages read
 * the call as it stands now through {@link #currentCall}.
 *
 * <p>Keys by convention: the {@link #CALL_STATE} fields (the call's own fields as processing changed them), plus
 * one key per stage for its own record ({@code ai_analysis}, {@code functions}, {@code actions}, ...).
 */
@ApplicationScoped
public class CallResults {
    /**
     * The call's fields that post-call processing may change (seed 000's mutable context fields). Their latest
     * values live in the results and take precedence over the posted document's.
     */
    public static final List<String> CALL_STATE = List.of("post_call", "post_call_detail", "functions_called",
            "conversion_status", "disposition_reason", "next_call_scheduled");

    private final EntityManager em;
    private final Sql sql;

    public CallResults(EntityManager em, Sql sql) {
        this.em = em;
        this.sql = sql;
    }

    /** The results saved so far (an empty object before any stage saved one). Reads that one column. */
    @Transactional
    public ObjectNode read(long callPk) {
        List<String> results = sql.query("select results from call where pk = ?", row -> row.getString(1), callPk);
        if (results.isEmpty()) {
            throw noSuchCall(callPk);
        }
        return parse(results.get(0));
    }

    /**
     * Changes the results under a row lock, in a transaction of its own, so two writers (a stage and an API call,
     * or two processes after a lease takeover) never lose each other's change. {@code change} gets the current
     * results and edits them in place.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public ObjectNode update(long callPk, Consumer<ObjectNode> change) {
        CallEntity call = em.find(CallEntity.class, callPk, LockModeType.PESSIMISTIC_WRITE);
        if (call == null) {
            throw noSuchCall(callPk);
        }
        ObjectNode results = parse(call.results);
        change.accept(results);
        call.results = results.toString();
        call.updatedAt = Instant.now();
        return results;
    }

    /**
     * As {@link #update(long, Consumer)} for a stage's call (its own transaction: ArC intercepts the call from here
     * too); marks the call as having saved results in this attempt once that is committed.
     */
    public ObjectNode update(CallWork work, Consumer<ObjectNode> change) {
        ObjectNode saved = update(work.callPk(), change);
        work.resultsSaved().set(true);
        return saved;
    }

    /**
     * The posted call with the {@link #CALL_STATE} fields as processing has left them. The pipeline's stages hold
     * the posted {@code document} (it never changes), so only the results are read; they overlay a copy of it.
     */
    @Transactional
    public ObjectNode currentCall(long callPk, JsonNode document) {
        return overlay(((ObjectNode) document).deepCopy(), read(callPk));
    }

    /** {@code document} (changed in place) with each {@link #CALL_STATE} field that {@code results} holds. */
    public static ObjectNode overlay(ObjectNode document, ObjectNode results) {
        for (String field : CALL_STATE) {
            JsonNode value = results.get(field);
            if (value != null) {
                document.set(field, value.deepCopy());
            }
        }
        return document;
    }

    private static IllegalStateException noSuchCall(long callPk) {
        return new IllegalStateException("call pk " + callPk + " does not exist");
    }

    private static ObjectNode parse(String results) {
        return results == null ? Json.object() : (ObjectNode) Json.tree(results);
    }
}
