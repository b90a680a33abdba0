package dev.aftercall.server.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.json.Json;

/** The JSON the functions API answers for a stored function: the shape it was saved in, plus id and timestamps. */
final class FunctionView {
    private FunctionView() {
    }

    static ObjectNode of(FunctionEntity function) {
        ObjectNode out = Json.object();
        out.put("id", function.pk);
        out.put("name", function.name);
        out.put("mode", function.mode);
        out.put("order", function.runOrder);
        out.put("enabled", function.enabled);
        out.set("agents", function.agents == null ? null : Json.tree(function.agents));
        if (FunctionDefinition.ADVANCED.equals(function.mode)) {
            out.put("code", function.code);
        } else if (function.config != null) {
            JsonNode config = Json.tree(function.config);
            config.properties().forEach(field -> out.set(field.getKey(), field.getValue()));
        }
        out.put("created_at", function.createdAt.toString());
        out.put("updated_at", function.updatedAt.toString());
        return out;
    }

    /**
     * The runnable definition of a stored function. It was checked in full when saved, so the code is not parsed
     * again here (that costs a GraalJS parse per call); a basic configuration is re-read, which is cheap.
     */
    static FunctionDefinition definition(FunctionEntity function) {
        boolean advanced = FunctionDefinition.ADVANCED.equals(function.mode);
        java.util.List<String> agents = agents(function.agents);
        return new FunctionDefinition(function.name, function.mode, function.runOrder, function.enabled, agents,
                advanced ? function.code : null, advanced ? null : BasicConfig.stored(function.config));
    }

    /** The agent ids of a stored list, or null for every agent. */
    static java.util.List<String> agents(String json) {
        if (json == null) {
            return null;
        }
        java.util.List<String> agents = new java.util.ArrayList<>();
        Json.tree(json).forEach(agent -> agents.add(agent.asText()));
        return agents.isEmpty() ? null : agents;
    }
}
