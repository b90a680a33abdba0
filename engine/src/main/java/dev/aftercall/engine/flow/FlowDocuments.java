package dev.aftercall.engine.flow;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.aftercall.engine.model.ApiRequestNode;
import dev.aftercall.engine.model.DecisionNode;
import dev.aftercall.engine.model.Edge;
import dev.aftercall.engine.model.Flow;
import dev.aftercall.engine.model.Node;
import dev.aftercall.engine.model.SetVariableNode;
import dev.aftercall.engine.model.StartNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads flow documents (the JSON the editor writes) into {@link Flow}s. Reading checks the document's shape;
 * {@link FlowValidator} then checks the graph and every node's settings. Every problem names its node and field.
 */
public final class FlowDocuments {
    static final Map<String, Class<? extends Node>> TYPES = Map.of(
            StartNode.TYPE, StartNode.class,
            ApiRequestNode.TYPE, ApiRequestNode.class,
            SetVariableNode.TYPE, SetVariableNode.class,
            DecisionNode.TYPE, DecisionNode.class);
    private static final String KNOWN_TYPES = "start, api_request, set_variable, decision";

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private FlowDocuments() {
    }

    /** The flow, or {@link FlowValidationException} listing every problem. */
    public static Flow parse(JsonNode document) {
        List<FlowError> errors = new ArrayList<>();
        Flow flow = read(document, errors);
        if (flow != null) {
            errors.addAll(FlowValidator.validate(flow));
        }
        if (!errors.isEmpty()) {
            throw new FlowValidationException(errors);
        }
        return flow;
    }

    /** Every problem in the document; empty when it can be saved and run. */
    public static List<FlowError> validate(JsonNode document) {
        try {
            parse(document);
            return List.of();
        } catch (FlowValidationException e) {
            return e.errors();
        }
    }

    private static Flow read(JsonNode document, List<FlowError> errors) {
        if (document == null || !document.isObject()) {
            errors.add(new FlowError("a flow must be a JSON object", null, null));
            return null;
        }
        JsonNode nodesJson = document.get("nodes");
        if (nodesJson == null || !nodesJson.isArray()) {
            errors.add(new FlowError("'nodes' must be an array of nodes", null, "nodes"));
            return null;
        }
        List<Node> nodes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < nodesJson.size(); i++) {
            Node node = readNode(nodesJson.get(i), i, ids, errors);
            if (node != null) {
                nodes.add(node);
            }
        }
        List<Edge> edges = readEdges(document.get("edges"), errors);
        Integer maxSteps = null;
        JsonNode maxStepsJson = document.get("max_steps");
        if (maxStepsJson != null && !maxStepsJson.isNull()) {
            if (!maxStepsJson.canConvertToInt() || maxStepsJson.asInt() < 1 || !maxStepsJson.isIntegralNumber()) {
                errors.add(new FlowError("max_steps must be a positive whole number", null, "max_steps"));
            } else {
                maxSteps = maxStepsJson.asInt();
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Flow(text(document, "name"), text(document, "description"), nodes, edges, maxSteps);
    }

    private static Node readNode(JsonNode json, int index, Set<String> ids, List<FlowError> errors) {
        String where = "nodes[" + index + "]";
        if (json == null || !json.isObject()) {
            errors.add(new FlowError(where + " must be an object", null, where));
            return null;
        }
        String id = text(json, "id");
        if (id == null || id.isBlank()) {
            errors.add(new FlowError(where + " has no id", null, where + ".id"));
            return null;
        }
        if (!ids.add(id)) {
            errors.add(new FlowError("node id '" + id + "' is used twice", id, "id"));
            return null;
        }
        String type = text(json, "type");
        if ("say".equals(type)) {
            errors.add(new FlowError("say nodes are not supported in post-call flows: the conversation has already "
                    + "ended", id, "type"));
            return null;
        }
        Class<? extends Node> nodeClass = type == null ? null : TYPES.get(type);
        if (nodeClass == null) {
            errors.add(new FlowError(type == null ? "node '" + id + "' has no type (expected " + KNOWN_TYPES + ")"
                    : "unknown node type '" + type + "' (expected " + KNOWN_TYPES + ")", id, "type"));
            return null;
        }
        try {
            return STRICT.treeToValue(json, nodeClass);
        } catch (UnrecognizedPropertyException e) {
            errors.add(new FlowError("unknown field '" + e.getPropertyName() + "' on a " + type + " node", id,
                    e.getPropertyName()));
        } catch (JsonMappingException e) {
            errors.add(new FlowError("invalid value: " + e.getOriginalMessage(), id, fieldOf(e)));
        } catch (Exception e) {
            errors.add(new FlowError("invalid node: " + e.getMessage(), id, null));
        }
        return null;
    }

    private static List<Edge> readEdges(JsonNode json, List<FlowError> errors) {
        List<Edge> edges = new ArrayList<>();
        if (json == null || json.isNull()) {
            return edges;
        }
        if (!json.isArray()) {
            errors.add(new FlowError("'edges' must be an array", null, "edges"));
            return edges;
        }
        for (int i = 0; i < json.size(); i++) {
            JsonNode e = json.get(i);
            String from = e == null ? null : text(e, "from");
            String to = e == null ? null : text(e, "to");
            if (from == null || to == null) {
                errors.add(new FlowError("edges[" + i + "] needs 'from' and 'to'", from, "edges[" + i + "]"));
                continue;
            }
            edges.add(new Edge(from, text(e, "port"), to));
        }
        return edges;
    }

    private static String fieldOf(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.length() == 0 ? null : field.toString();
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
