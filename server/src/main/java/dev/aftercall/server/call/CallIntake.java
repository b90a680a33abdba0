package dev.aftercall.server.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.tx.GroupCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;

/**
 * Receives finished calls, idempotently: the first post of a call id stores the call and queues its processing;
 * every later post of the same id (same outlet), however concurrent, stores and runs nothing and answers with the
 * stored call. The database's unique constraint on (outlet, call id) decides which post is first.
 */
@ApplicationScoped
public class CallIntake {
    /** SQLSTATE of a unique violation, the same on PostgreSQL and H2. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final CallStore store;
    private final CallViews views;
    private final GroupCommit commits;
    private final Counter received;

    public CallIntake(CallStore store, CallViews views, GroupCommit commits, MeterRegistry metrics) {
        this.store = store;
        this.views = views;
        this.commits = commits;
        this.received = Counter.builder("aftercall.calls.received")
                .description("Calls stored for processing (repeats of a stored call id are not counted)")
                .register(metrics);
    }

    /** What the post did: {@code created} with the queued answer, or the stored call's detail for a repeat. */
    public record Received(boolean created, ObjectNode body) {
    }

    public Received receive(long outletId, JsonNode body) {
        return receive(outletId, body, Instant.now());
    }

    /** As {@link #receive(long, JsonNode)}, with the call's processing due at {@code runAt} (now or later). */
    public Received receive(long outletId, JsonNode body, Instant runAt) {
        CallDocument call = CallDocument.of(body);
        try {
            // Insert first: a new call (the common case) costs a share of one transaction. A repeat fails on the
            // unique key.
            commits.await(() -> store.insertQueued(outletId, call, runAt));
        } catch (RuntimeException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            // Posted before, or a concurrent post of the same id committed first (the insert waited for it).
            return new Received(false, views.detail(outletId, call.callId()).orElseThrow(() ->
                    new ApiException(409, "call " + call.callId() + " is being stored; post it again", null, null)));
        }
        received.increment();
        ObjectNode queued = JsonNodeFactory.instance.objectNode();
        queued.put("call_id", call.callId());
        queued.put("status", CallEntity.QUEUED);
        return new Received(true, queued);
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
