package dev.aftercall.server.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.flow.FlowDocuments;
import dev.aftercall.engine.flow.FlowError;
import dev.aftercall.engine.flow.FlowValidationException;
import dev.aftercall.engine.model.ApiRequestNode;
import dev.aftercall.engine.model.Flow;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A flow document as the API stores it: the JSON exactly as posted (the engine ignores the editor's {@code ui}
 * positions, the API keeps them), plus what the flow row keeps beside it. On top of the engine's checks the API
 * needs a {@code name}, and an optional top-level {@code agents} list limits the flow to those agents.
 * A draft may have {@link #problems}; a published version never does.
 *
 * @param name null when the document's name is missing or invalid
 * @param agentsValid false when {@code agents} is not a list of agent ids (then {@code agents} is null)
 */
record FlowDocument(ObjectNode json, String name, String description, List<String> agents, boolean agentsValid,
                    List<FlowError> problems) {
    static final int MAX_NAME_LENGTH = 200;
    static final String UNTITLED = "Untitled flow";

    /** Every problem: the API's own fields first, then the engine's; empty when the document can be saved. */
    static List<FlowError> problems(JsonNode document) {
        List<FlowError> errors = new ArrayList<>();
        if (document != null && document.isObject()) {
            JsonNode name = document.get("name");
            if (name == null || !name.isTextual() || name.textValue().isBlank()) {
                errors.add(new FlowError("name is required", null, "name"));
            } else if (name.textValue().length() > MAX_NAME_LENGTH) {
                errors.add(new FlowError("name is longer than " + MAX_NAME_LENGTH + " characters", null, "name"));
            }
            JsonNode description = document.get("description");
            if (description != null && !description.isNull() && !description.isTextual()) {
                errors.add(new FlowError("description must be text", null, "description"));
            }
            agentProblem(document.get("agents")).ifPresent(errors::add);
        }
        errors.addAll(FlowDocuments.validate(document));
        return errors;
    }

    /** The document, or {@link FlowValidationException} (answered as 400 naming node and field). */
    static FlowDocument checked(JsonNode document) {
        List<FlowError> errors = problems(document);
        if (!errors.isEmpty()) {
            throw new FlowValidationException(errors);
        }
        return of((ObjectNode) document, List.of());
    }

    /**
     * A draft as sent, with its problems: anything that is a JSON object can be saved, so the editor never loses
     * work; only publishing needs a valid document.
     */
    static FlowDocument draft(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw ApiException.badRequest("a flow document is a JSON object with name, nodes and edges", null);
        }
        return of((ObjectNode) document, List.copyOf(problems(document)));
    }

    /** A stored published document, checked when it was published. */
    static FlowDocument stored(String text) {
        return of((ObjectNode) Json.tree(text), List.of());
    }

    private static FlowDocument of(ObjectNode json, List<FlowError> problems) {
        boolean agentsValid = agentProblem(json.get("agents")).isEmpty();
        List<String> agents = null;
        JsonNode list = json.get("agents");
        if (agentsValid && list != null && list.isArray() && !list.isEmpty()) {
            agents = new ArrayList<>();
            for (JsonNode agent : list) {
                agents.add(agent.textValue());
            }
        }
        JsonNode name = json.get("name");
        boolean named = name != null && name.isTextual() && !name.textValue().isBlank()
                && name.textValue().length() <= MAX_NAME_LENGTH;
        JsonNode description = json.get("description");
        return new FlowDocument(json, named ? name.textValue() : null,
                description == null || !description.isTextual() ? null : description.textValue(), agents,
                agentsValid, problems);
    }

    private static java.util.Optional<FlowError> agentProblem(JsonNode agents) {
        if (agents == null || agents.isNull()) {
            return Optional.empty();
        }
        boolean ok = agents.isArray();
        for (JsonNode agent : agents) {
            ok &= agent.isTextual() && !agent.textValue().isBlank();
        }
        return ok ? Optional.empty() : Optional.of(new FlowError(
                "agents must be a list of agent ids; leave it out to run the flow for every agent", null, "agents"));
    }

    /** The engine's model of the document; the document was checked when saved, so this only fails if the engine's
     * rules have since become stricter. */
    Flow flow() {
        return FlowDocuments.parse(json);
    }

    String agentsJson() {
        return agents == null ? null : Json.write(agents);
    }

    /** The auth profiles the flow's API Request nodes name, so a run loads only those. */
    static Set<String> authProfiles(Flow flow) {
        Set<String> names = new LinkedHashSet<>();
        flow.nodes().forEach(node -> {
            if (node instanceof ApiRequestNode api && api.authProfile() != null && !api.authProfile().isBlank()) {
                names.add(api.authProfile());
            }
        });
        return names;
    }

    /** True when the flow applies to calls of {@code agent}: no agents listed, or the agent is listed. */
    static boolean appliesTo(String agentsJson, String agent) {
        if (agentsJson == null) {
            return true;
        }
        JsonNode agents = Json.tree(agentsJson);
        if (!agents.isArray() || agents.isEmpty()) {
            return true;
        }
        for (JsonNode listed : (ArrayNode) agents) {
            if (listed.asText().equals(agent)) {
                return true;
            }
        }
        return false;
    }
}
