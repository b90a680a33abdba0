package dev.aftercall.server.extraction;

import dev.aftercall.engine.extract.ExtractionField;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.setup.SetupCache;
import dev.aftercall.server.setup.SetupChanges;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outlets' variables, read and written in both seeds' views: seed 004's outlet-wide list with ids and
 * destinations, seed 003's extraction fields per agent. Every method is scoped to one outlet; another outlet's
 * variable is never found.
 */
@ApplicationScoped
public class VariableStore {
    private static final Sort ORDER = Sort.ascending("agent", "position", "pk");

    private final SetupCache<List<CallVariable>> byOutlet;

    public VariableStore(SetupChanges changes) {
        this.byOutlet = changes.newCache();
    }

    /** One variable as seed 004 posts it: {@code variableId} null creates, a number updates. */
    public record VariableInput(Long variableId, ExtractionField field, List<Long> destinationIds) {
    }

    /** Every variable of the outlet, outlet-wide ones first. */
    @Transactional
    public List<VariableEntity> all(long outletId) {
        return VariableEntity.list("outletId", ORDER, outletId);
    }

    /** A variable as calls use it: the field to extract and the destinations it is connected to. */
    public record CallVariable(String agent, ExtractionField field, List<Long> destinations) {
    }

    /**
     * The variables a call of {@code agent} extracts: the outlet-wide ones, then the agent's own; an agent's field
     * replaces an outlet-wide one of the same name. Read for every call, so kept in memory ({@link SetupCache}).
     */
    public List<CallVariable> forCall(long outletId, String agent) {
        String own = agent == null ? VariableEntity.ALL_AGENTS : agent;
        Map<String, CallVariable> byName = new LinkedHashMap<>();
        for (CallVariable variable : byOutlet.get(outletId, VariableStore::callVariables)) {
            boolean outletWide = variable.agent().isEmpty();
            if (!outletWide && !variable.agent().equals(own)) {
                continue;
            }
            if (!outletWide || !byName.containsKey(variable.field().name())) {
                byName.put(variable.field().name(), variable);
            }
        }
        return List.copyOf(byName.values());
    }

    /** The fields of {@link #forCall}, as the extractors take them. */
    public List<ExtractionField> fieldsFor(long outletId, String agent) {
        return forCall(outletId, agent).stream().map(CallVariable::field).toList();
    }

    private static List<CallVariable> callVariables(long outletId) {
        return VariableEntity.<VariableEntity>list("outletId", ORDER, outletId).stream()
                .map(row -> new CallVariable(row.agent, row.field(), List.copyOf(row.destinations())))
                .toList();
    }

    /** Seed 003: the agent's own extraction fields, in their order. */
    @Transactional
    public List<VariableEntity> agentFields(long outletId, String agent) {
        return VariableEntity.list("outletId = ?1 and agent = ?2", ORDER, outletId, agent);
    }

    /**
     * Seed 004's POST: creates or updates each variable. A variable is found by its id, else by its name (names
     * are unique per outlet, so posting the same list twice changes nothing); one found nowhere is created. Its
     * {@code destination_ids} replace the stored ones when given.
     */
    @Transactional
    public List<VariableEntity> save(long outletId, List<VariableInput> inputs) {
        Instant now = Instant.now();
        List<VariableEntity> saved = new ArrayList<>();
        int position = nextPosition(outletId, VariableEntity.ALL_AGENTS);
        for (VariableInput input : inputs) {
            VariableEntity row = input.variableId() == null ? null : owned(outletId, input.variableId()).orElse(null);
            String agent = row != null ? row.agent : VariableEntity.ALL_AGENTS;
            VariableEntity sameName = VariableEntity.<VariableEntity>find("outletId = ?1 and agent = ?2 and name = ?3",
                    outletId, agent, input.field().name()).firstResult();
            if (row != null && sameName != null && !sameName.pk.equals(row.pk)) {
                throw SeedError.badRequest("var_name '" + input.field().name() + "' is already used by variable "
                        + sameName.pk, "var_name");
            }
            if (row == null) {
                row = sameName;
            }
            if (row == null) {
                row = new VariableEntity();
                row.outletId = outletId;
                row.agent = VariableEntity.ALL_AGENTS;
                row.position = position++;
                row.createdAt = now;
            }
            apply(row, input.field(), now);
            if (input.destinationIds() != null) {
                row.destinations(input.destinationIds());
            }
            row.persistAndFlush();
            saved.add(row);
        }
        return saved;
    }

    /**
     * Seed 003's PUT: the agent's fields become exactly {@code fields}. Fields kept by name keep their id and
     * destinations.
     */
    @Transactional
    public List<VariableEntity> replaceAgentFields(long outletId, String agent, List<ExtractionField> fields) {
        Instant now = Instant.now();
        Map<String, VariableEntity> existing = new LinkedHashMap<>();
        agentFields(outletId, agent).forEach(row -> existing.put(row.name, row));
        Set<String> kept = new HashSet<>();
        List<VariableEntity> saved = new ArrayList<>();
        int position = 0;
        for (ExtractionField field : fields) {
            VariableEntity row = existing.get(field.name());
            if (row == null) {
                row = new VariableEntity();
                row.outletId = outletId;
                row.agent = agent;
                row.createdAt = now;
            }
            row.position = position++;
            apply(row, field, now);
            row.persist();
            kept.add(field.name());
            saved.add(row);
        }
        existing.values().stream().filter(row -> !kept.contains(row.name)).forEach(VariableEntity::delete);
        return saved;
    }

    /**
     * Seed 004's connect: adds each destination to its variable. Every variable is checked first, so a missing one
     * changes nothing.
     */
    @Transactional
    public void connect(long outletId, List<long[]> variableAndDestination) {
        List<VariableEntity> rows = new ArrayList<>();
        for (long[] pair : variableAndDestination) {
            rows.add(owned(outletId, pair[0]).orElseThrow(() -> SeedError.notFound("Variable with ID not found")));
        }
        for (int i = 0; i < rows.size(); i++) {
            List<Long> ids = new ArrayList<>(rows.get(i).destinations());
            ids.add(variableAndDestination.get(i)[1]);
            rows.get(i).destinations(ids);
            rows.get(i).updatedAt = Instant.now();
        }
    }

    /** Deletes the outlet's variable; false when it has none of that id. */
    @Transactional
    public boolean delete(long outletId, long variableId) {
        return owned(outletId, variableId).map(row -> {
            row.delete();
            return true;
        }).orElse(false);
    }

    /** Removes a deleted destination from every variable of the outlet. */
    @Transactional
    public void disconnect(long outletId, long destinationId) {
        for (VariableEntity row : VariableEntity.<VariableEntity>list("outletId", outletId)) {
            List<Long> ids = new ArrayList<>(row.destinations());
            if (ids.removeIf(id -> id == destinationId)) {
                row.destinations(ids);
            }
        }
    }

    private static Optional<VariableEntity> owned(long outletId, long variableId) {
        return VariableEntity.<VariableEntity>find("outletId = ?1 and pk = ?2", outletId, variableId)
                .firstResultOptional();
    }

    private static int nextPosition(long outletId, String agent) {
        Integer max = VariableEntity.getEntityManager()
                .createQuery("select max(v.position) from VariableEntity v where v.outletId = ?1 and v.agent = ?2",
                        Integer.class)
                .setParameter(1, outletId).setParameter(2, agent).getSingleResult();
        return max == null ? 0 : max + 1;
    }

    private static void apply(VariableEntity row, ExtractionField field, Instant now) {
        row.name = field.name();
        row.type = field.type().wireName();
        row.description = field.description();
        row.enumValues = field.values() == null ? null : Json.write(field.values());
        row.updatedAt = now;
    }
}
