package dev.aftercall.server.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.authprofile.SealedSecrets;
import dev.aftercall.server.authprofile.SecretBox;
import dev.aftercall.server.delivery.Redaction;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.setup.SetupCache;
import dev.aftercall.server.setup.SetupChanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stores each agent's actions sealed and shows them with webhook header values masked. A masked value sent back
 * unchanged (the editor saving what it read) keeps the stored value, so reading and saving never loses a secret.
 */
@ApplicationScoped
public class AgentActions implements SealedSecrets {
    private final SecretBox box;
    /** The agents of each outlet that have actions stored, so a call of any other agent costs no query. */
    private final SetupCache<Set<String>> agentsWithActions;

    public AgentActions(SecretBox box, SetupChanges changes) {
        this.box = box;
        this.agentsWithActions = changes.newCache();
    }

    /** The agent's actions in clear; empty when none are set. */
    @Transactional
    public ArrayNode load(long outletId, String agent) {
        return AgentActionsEntity.of(outletId, agent == null ? "" : agent)
                .map(stored -> (ArrayNode) Json.tree(box.open(stored.actionsSealed,
                        AgentActionsEntity.sealContext(outletId))))
                .orElseGet(() -> Json.mapper().createArrayNode());
    }

    /**
     * As {@link #load}, for running them on a call: a call of an agent without actions costs no query and no
     * transaction ({@link #load} opens its own when there are actions to read).
     */
    public ArrayNode forCall(long outletId, String agent) {
        if (!any(outletId, agent)) {
            return Json.mapper().createArrayNode();
        }
        return load(outletId, agent);
    }

    /** Whether the agent has actions, from memory (one query per outlet and cache period). */
    public boolean any(long outletId, String agent) {
        return agentsWithActions.get(outletId, AgentActions::agentsOf).contains(agent == null ? "" : agent);
    }

    /** Replaces the agent's actions (already checked); answers them masked. */
    @Transactional
    public ArrayNode save(long outletId, String agent, ArrayNode actions) {
        ArrayNode previous = load(outletId, agent);
        ArrayNode kept = actions.deepCopy();
        for (JsonNode action : kept) {
            keepMaskedHeaders(action, previous);
        }
        AgentActionsEntity stored = AgentActionsEntity.of(outletId, agent).orElseGet(() -> {
            AgentActionsEntity created = new AgentActionsEntity();
            created.outletId = outletId;
            created.agent = agent;
            return created;
        });
        stored.actionsSealed = box.seal(kept.toString(), AgentActionsEntity.sealContext(outletId));
        stored.updatedAt = Instant.now();
        if (stored.pk == null) {
            stored.persist();
        }
        return masked(kept);
    }

    /** The actions as the API shows them: every webhook header value replaced by {@value Redaction#MASK}. */
    public static ArrayNode masked(ArrayNode actions) {
        ArrayNode out = actions.deepCopy();
        for (JsonNode action : out) {
            JsonNode headers = action.path("config").path("headers");
            if (headers instanceof ObjectNode object) {
                object.properties().forEach(h -> h.setValue(Json.mapper().getNodeFactory().textNode(Redaction.MASK)));
            }
        }
        return out;
    }

    private static void keepMaskedHeaders(JsonNode action, ArrayNode previous) {
        JsonNode headers = action.path("config").path("headers");
        if (!(headers instanceof ObjectNode object)) {
            return;
        }
        JsonNode before = null;
        for (JsonNode old : previous) {
            if (old.path("name").asText().equals(action.path("name").asText())) {
                before = old.path("config").path("headers");
            }
        }
        for (var header : object.properties()) {
            if (Redaction.MASK.equals(header.getValue().asText()) && before != null && before.has(header.getKey())) {
                header.setValue(before.get(header.getKey()));
            }
        }
    }

    private static Set<String> agentsOf(long outletId) {
        return AgentActionsEntity.<AgentActionsEntity>list("outletId", outletId).stream()
                .map(stored -> stored.agent)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String what() {
        return "post-call actions";
    }

    @Override
    public int reseal(SecretBox with) {
        int resealed = 0;
        for (AgentActionsEntity stored : AgentActionsEntity.<AgentActionsEntity>listAll()) {
            String context = AgentActionsEntity.sealContext(stored.outletId);
            if (!with.sealedWithCurrentKey(stored.actionsSealed, context)) {
                stored.actionsSealed = with.seal(with.open(stored.actionsSealed, context), context);
                resealed++;
            }
        }
        return resealed;
    }
}
