package dev.aftercall.server.editor;

import dev.aftercall.engine.condition.Operator;
import dev.aftercall.engine.model.ApiRequestNode;
import dev.aftercall.engine.model.DecisionNode;
import dev.aftercall.engine.model.Node;
import dev.aftercall.engine.model.SetVariableNode;
import dev.aftercall.engine.model.StartNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the editor needs to know about flows, embedded in every page as JSON: the node types with their
 * properties (the side panel is generated from them), the condition operators, and the variables a call brings.
 * Types, ports and operators come from the engine's model, so the editor cannot offer what the engine rejects.
 */
public final class NodeCatalogue {

    /** The call's own variables, as {@code CallData.fromCall} fills {@code interaction.*}. */
    static final Map<String, String> INTERACTION = interaction();

    private static final Map<String, String> OPERATOR_LABELS = Map.ofEntries(
            Map.entry("==", "equals"), Map.entry("!=", "does not equal"),
            Map.entry(">", "greater than"), Map.entry(">=", "greater than or equal"),
            Map.entry("<", "less than"), Map.entry("<=", "less than or equal"),
            Map.entry("contains", "contains"), Map.entry("not_contains", "does not contain"),
            Map.entry("starts_with", "starts with"), Map.entry("ends_with", "ends with"),
            Map.entry("matches", "matches regex"), Map.entry("in", "is one of"),
            Map.entry("exists", "exists"), Map.entry("not_exists", "does not exist"),
            Map.entry("is_empty", "is empty"), Map.entry("is_not_empty", "is not empty"));

    private NodeCatalogue() {
    }

    /** The whole catalogue: {@code {"nodes": [...], "operators": [...], "variables": {...}}}. */
    public static Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nodes", nodeTypes());
        out.put("operators", Arrays.stream(Operator.values())
                .map(op -> Map.of("symbol", op.symbol(), "label", OPERATOR_LABELS.getOrDefault(op.symbol(), op.symbol()),
                        "unary", op.unary()))
                .toList());
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("interaction", INTERACTION);
        variables.put("namespaces", Map.of(
                "call_metadata", "Metadata the voice platform attached to the call",
                "post_call", "Analysis of the call (extracted fields)"));
        out.put("variables", variables);
        return out;
    }

    static List<NodeType> nodeTypes() {
        return List.of(start(), apiRequest(), setVariable(), decision());
    }

    private static NodeType start() {
        return new NodeType(StartNode.TYPE, "Start", "play", "#16a34a",
                "Where every run begins, when the call has ended", false, List.of(Node.DEFAULT_PORT), null, true,
                Map.of(), List.of());
    }

    private static NodeType apiRequest() {
        List<String> withBody = List.of("POST", "PUT", "PATCH", "DELETE");
        return new NodeType(ApiRequestNode.TYPE, "API Request", "globe", "#2563eb",
                "Call an external HTTP API and map response fields to variables", true,
                List.of(ApiRequestNode.OK, ApiRequestNode.ERROR), null, false,
                Map.of("method", "POST", "url", "", "headers", Map.of("Content-Type", "application/json"),
                        "body", Map.of()),
                List.of(
                        NodeProperty.of("method", "Method", "options").options(ApiRequestNode.METHODS)
                                .defaultValue("GET").build(),
                        NodeProperty.of("url", "URL", "text").template().required()
                                .placeholder("https://api.example.com/tickets").build(),
                        NodeProperty.of("query", "Query parameters", "keyValue").template()
                                .rows("Name", "source", "Value", "voice").item("parameter").build(),
                        NodeProperty.of("headers", "Headers", "keyValue").template()
                                .rows("Name", "X-Api-Key", "Value", "value or {{variable}}").item("header").build(),
                        NodeProperty.of("body", "Body (JSON)", "json").template().showWhen("method", withBody)
                                .description("JSON; a string that is exactly one {{variable}} keeps the variable's "
                                        + "type").build(),
                        NodeProperty.of("auth_profile", "Auth profile", "authProfile")
                                .description("Reusable credentials: bearer, basic, API key, OAuth2, mTLS").build(),
                        NodeProperty.of("timeout_ms", "Timeout (ms)", "number")
                                .defaultValue(ApiRequestNode.DEFAULT_TIMEOUT_MS).build(),
                        NodeProperty.of("retry", "Retry", "collection")
                                .description("Retries connection errors, 408, 429 and 5xx answers").properties(
                                        NodeProperty.of("max_attempts", "Max attempts", "number").defaultValue(3).build(),
                                        NodeProperty.of("backoff", "Backoff", "options")
                                                .options(List.of("exponential", "fixed")).defaultValue("exponential")
                                                .build(),
                                        NodeProperty.of("base_delay_ms", "Base delay (ms)", "number")
                                                .defaultValue(500).build())
                                .build(),
                        NodeProperty.of("response_mapping", "Response mapping", "keyValue")
                                .rows("Variable", "ticket_id", "JSONPath", "$.ticket.id").item("mapping")
                                .description("Store response fields as flow variables").build(),
                        NodeProperty.of("strict", "Fail when a variable is missing", "boolean").build()));
    }

    private static NodeType setVariable() {
        return new NodeType(SetVariableNode.TYPE, "Set Variable", "variable", "#9333ea",
                "Assign or overwrite flow variables", true, List.of(Node.DEFAULT_PORT), null, false,
                Map.of("assignments", Map.of()),
                List.of(
                        NodeProperty.of("assignments", "Assignments", "keyValue").template().jsonValues()
                                .rows("Variable", "external_ticket_id", "Value", "{{ticket_id}}").item("assignment")
                                .build(),
                        NodeProperty.of("strict", "Fail when a variable is missing", "boolean").build()));
    }

    private static NodeType decision() {
        return new NodeType(DecisionNode.TYPE, "Decision", "split", "#ea580c",
                "Route the run by conditions: the first branch that matches wins", true, List.of(), "branches", false,
                Map.of("branches", List.of(Map.of("port", "yes", "match", "all", "conditions",
                        List.of(Map.of("left", "", "operator", "==", "right", "")))), "default_port", "no"),
                List.of(
                        NodeProperty.of("branches", "Branches", "branches").template().build(),
                        NodeProperty.of("default_port", "Default output", "text").defaultValue("default")
                                .description("Taken when no branch matches").build(),
                        NodeProperty.of("strict", "Fail when a variable is missing", "boolean").build()));
    }

    private static Map<String, String> interaction() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("CALL_ID", "The call's id");
        vars.put("SUMMARY", "Summary of the conversation");
        vars.put("TRANSCRIPT", "Transcript as text, one \"role: content\" line per turn");
        vars.put("DISPOSITION", "The call's outcome, e.g. escalated");
        vars.put("DURATION", "Duration in seconds");
        vars.put("HANGUP_REASON", "Why the call ended");
        vars.put("CONNECTED", "True when the call lasted more than 0 seconds");
        vars.put("USER_PHONE_NUMBER", "The caller's number");
        vars.put("AGENT_PHONE_NUMBER", "The agent's number");
        vars.put("RECORDING_URL", "Link to the recording");
        vars.put("AGENT_ID", "The voice agent that took the call");
        vars.put("MODALITY", "voice or chat");
        vars.put("ENDED_AT", "When the call ended (ISO-8601)");
        return vars;
    }
}
