package dev.aftercall.server.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.setup.SetupCache;
import dev.aftercall.server.setup.SetupChanges;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Changes to an outlet's post-call functions; every body is checked in full before anything is stored. */
@ApplicationScoped
public class FunctionService {
    private final SetupCache<Boolean> anyEnabled;
    private final AdvancedRunner advanced;

    public FunctionService(SetupChanges changes, AdvancedRunner advanced) {
        this.anyEnabled = changes.newCache();
        this.advanced = advanced;
    }

    @Transactional
    public FunctionEntity create(long outletId, JsonNode body) {
        FunctionDefinition definition = FunctionDefinition.checked(body);
        FunctionEntity function = new FunctionEntity();
        function.outletId = outletId;
        function.createdAt = Instant.now();
        apply(function, definition);
        function.persist();
        return function;
    }

    /** Replaces the function with the body (a PUT: fields left out take their defaults). */
    @Transactional
    public FunctionEntity update(long outletId, long id, JsonNode body) {
        FunctionEntity function = owned(id, outletId);
        apply(function, FunctionDefinition.checked(body));
        return function;
    }

    @Transactional
    public void delete(long outletId, long id) {
        owned(id, outletId).delete();
    }

    @Transactional
    public List<FunctionEntity> list(long outletId) {
        return FunctionEntity.ofOutlet(outletId);
    }

    @Transactional
    public FunctionEntity get(long outletId, long id) {
        return owned(id, outletId);
    }

    /**
     * The enabled functions that run for a call of {@code agent}, in run order, ready to run. Read for every call:
     * an outlet without enabled functions answers from {@link SetupCache}, without a transaction.
     */
    public List<StoredFunction> runnableFor(long outletId, String agent) {
        if (!anyEnabled.get(outletId, id -> FunctionEntity.count("outletId = ?1 and enabled = true", id) > 0)) {
            return List.of();
        }
        return QuarkusTransaction.joiningExisting().call(() -> FunctionEntity.enabled(outletId).stream()
                .filter(f -> appliesTo(FunctionView.agents(f.agents), agent))
                .map(f -> new StoredFunction(f.pk, FunctionView.definition(f)))
                .toList());
    }

    /** A saved function's id and its runnable definition. */
    public record StoredFunction(long id, FunctionDefinition definition) {
    }

    static boolean appliesTo(List<String> agents, String agent) {
        return agents == null || agents.contains(agent);
    }

    static FunctionEntity owned(long id, long outletId) {
        return FunctionEntity.owned(id, outletId).orElseThrow(() -> ApiException.notFound("function"));
    }

    /** Stores the definition in the entity; an advanced one starts the JavaScript sandbox, so its runs need not wait. */
    private void apply(FunctionEntity function, FunctionDefinition definition) {
        if (FunctionEntity.nameTaken(function.outletId, definition.name(), function.pk)) {
            throw new ApiException(409, "a function named '" + definition.name() + "' already exists", null, "name");
        }
        function.name = definition.name();
        function.mode = definition.mode();
        function.runOrder = definition.order() != null ? definition.order()
                : function.pk != null ? function.runOrder : FunctionEntity.nextOrder(function.outletId);
        function.enabled = definition.enabled();
        function.agents = definition.agents() == null ? null : Json.write(definition.agents());
        function.code = definition.advanced() ? definition.code() : null;
        function.config = definition.advanced() ? null : Json.write(definition.basic().json());
        function.updatedAt = Instant.now();
        if (definition.advanced()) {
            advanced.prepare();
        }
    }
}
