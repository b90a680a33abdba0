package dev.aftercall.server.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.condition.Condition;
import dev.aftercall.engine.condition.ConditionEvaluator;
import dev.aftercall.engine.model.ApiRequestNode;
import dev.aftercall.engine.node.ResponseMapping;
import dev.aftercall.engine.template.Template;
import dev.aftercall.engine.template.TemplateException;
import dev.aftercall.server.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A basic function's configuration (seed 000 "Basic Mode"): the request ({@code api_url} with {@code {{var}}} or
 * the seed's {@code {var}} placeholders, {@code method}, {@code headers}, JSON {@code parameters}), where each
 * variable comes from ({@code variables}: {@code "call_metadata.lead_id"}, {@code "post_call.call_status"},
 * {@code "call_duration"}, or {@code {"source": ..., "field": ...}}), when it runs ({@code condition}) and which
 * response fields go into {@code post_call} ({@code response_mapping}).
 *
 * @param variables  variable name → dotted path in the context
 * @param callType   {@code all}, {@code connected} (duration > 0) or {@code not_connected}
 * @param conditions AND-ed, each the engine's {@link Condition} with context paths as templates
 */
record BasicConfig(String apiUrl, String method, Map<String, String> headers, JsonNode parameters,
                   Map<String, String> variables, String callType, List<Condition> conditions,
                   Map<String, String> responseMapping, String authProfile, Long timeoutMs, ObjectNode json) {
    static final List<String> CALL_TYPES = List.of("all", "connected", "not_connected");
    static final List<String> FIELDS = List.of("api_url", "method", "headers", "parameters", "variables", "condition",
            "response_mapping", "auth_profile", "timeout_ms");
    static final long MAX_TIMEOUT_MS = 60_000;
    private static final Pattern DOUBLE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    /** The seed's URL form {@code {lead_id}}: one brace each side, not part of a {@code {{...}}}. */
    private static final Pattern SINGLE = Pattern.compile("(?<!\\{)\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}(?!})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Reads the basic fields of a function body; every problem is added to {@code problems}. */
    static BasicConfig parse(JsonNode body, List<FunctionProblem> problems) {
        ObjectNode json = Json.object();
        String url = text(body, "api_url", true, problems);
        String method = text(body, "method", true, problems);
        if (method != null) {
            method = method.strip().toUpperCase(Locale.ROOT);
            if (!ApiRequestNode.METHODS.contains(method)) {
                problems.add(FunctionProblem.of("method", "method must be one of " + ApiRequestNode.METHODS));
            }
        }
        Map<String, String> variables = variables(body.get("variables"), problems);
        Map<String, String> headers = stringMap(body.get("headers"), "headers", problems);
        JsonNode parameters = body.get("parameters");
        if (parameters == null || parameters.isNull()) {
            problems.add(FunctionProblem.of("parameters",
                    "parameters is required: the JSON to send, with {{variables}} (use {} for none)"));
            parameters = Json.object();
        } else if (!parameters.isObject() && !parameters.isArray()) {
            problems.add(FunctionProblem.of("parameters", "parameters must be a JSON object"));
        } else if (("GET".equals(method) || "DELETE".equals(method)) && !parameters.isObject()) {
            problems.add(FunctionProblem.of("parameters", method + " sends parameters as the query: use an object"));
        }
        String callType = "all";
        List<Condition> conditions = new ArrayList<>();
        conditions(body.get("condition"), problems, conditions).ifPresent(t -> json.set("condition", t));
        JsonNode condition = json.get("condition");
        if (condition != null) {
            callType = condition.path("call_type").asText("all");
        }
        Map<String, String> mapping = stringMap(body.get("response_mapping"), "response_mapping", problems);
        mapping.forEach((name, path) -> {
            if (!NAME.matcher(name).matches()) {
                problems.add(FunctionProblem.of("response_mapping." + name,
                        "response_mapping keys are post_call field names (letters, digits, _)"));
            }
            ResponseMapping.problem(path).ifPresent(p -> problems.add(FunctionProblem.of("response_mapping." + name, p)));
        });
        String authProfile = optionalText(body, "auth_profile", problems);
        Long timeout = null;
        JsonNode t = body.get("timeout_ms");
        if (t != null && !t.isNull()) {
            if (!t.canConvertToLong() || !t.isIntegralNumber() || t.asLong() < 1 || t.asLong() > MAX_TIMEOUT_MS) {
                problems.add(FunctionProblem.of("timeout_ms", "timeout_ms must be between 1 and " + MAX_TIMEOUT_MS));
            } else {
                timeout = t.asLong();
            }
        }
        String template = url == null ? null : doubleBraces(url);
        checkTemplates(template, headers, parameters, variables, problems);

        json.put("api_url", url);
        json.put("method", method);
        json.set("headers", Json.tree(headers));
        json.set("parameters", parameters);
        json.set("variables", Json.tree(variables));
        if (!json.has("condition")) {
            json.putObject("condition").put("call_type", "all").putArray("all");
        }
        json.set("response_mapping", Json.tree(mapping));
        json.put("auth_profile", authProfile);
        if (timeout == null) {
            json.putNull("timeout_ms");
        } else {
            json.put("timeout_ms", timeout);
        }
        return new BasicConfig(template, method, headers, parameters, variables, callType, conditions, mapping,
                authProfile, timeout, json);
    }

    /** A stored configuration, checked when it was saved. */
    static BasicConfig stored(String config) {
        List<FunctionProblem> problems = new ArrayList<>();
        BasicConfig basic = parse(Json.tree(config), problems);
        if (!problems.isEmpty()) {
            throw new InvalidFunctionException(problems);
        }
        return basic;
    }

    /** The URL with the seed's {@code {var}} placeholders written as {@code {{var}}}, the engine's template form. */
    static String doubleBraces(String url) {
        return SINGLE.matcher(url).replaceAll(m -> Matcher.quoteReplacement("{{" + m.group(1) + "}}"));
    }

    private static Map<String, String> variables(JsonNode node, List<FunctionProblem> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            problems.add(FunctionProblem.of("variables", "variables must map each variable to its source, e.g. "
                    + "{\"lead_id\": \"call_metadata.lead_id\"}"));
            return out;
        }
        node.properties().forEach(e -> {
            String field = "variables." + e.getKey();
            if (!NAME.matcher(e.getKey()).matches()) {
                problems.add(FunctionProblem.of(field, "variable names are letters, digits and _"));
            }
            JsonNode value = e.getValue();
            String path = null;
            if (value.isTextual()) {
                path = value.textValue().strip();
            } else if (value.isObject() && value.path("source").isTextual() && value.path("field").isTextual()) {
                String source = value.get("source").textValue().strip();
                String name = value.get("field").textValue().strip();
                path = source.equals("call") ? name : source + "." + name;
            }
            if (path == null || path.isEmpty()) {
                problems.add(FunctionProblem.of(field, "a variable's source is a path such as "
                        + "\"call_metadata.lead_id\", \"post_call.call_status\" or \"call_duration\", or "
                        + "{\"source\": \"call_metadata\", \"field\": \"lead_id\"}"));
                return;
            }
            String root = path.split("\\.", 2)[0];
            if (!FunctionContext.isField(root)) {
                problems.add(FunctionProblem.of(field, "unknown source '" + root + "': use call_metadata.<field>, "
                        + "post_call.<field> or a call field (" + String.join(", ", FunctionContext.READ_ONLY) + ")"));
            }
            out.put(e.getKey(), path);
        });
        return out;
    }

    /** Reads {@code condition}; answers its normalised JSON ({@code call_type} always set) and fills the list. */
    private static java.util.Optional<ObjectNode> conditions(JsonNode node, List<FunctionProblem> problems,
                                                            List<Condition> out) {
        if (node == null || node.isNull()) {
            return java.util.Optional.empty();
        }
        if (!node.isObject()) {
            problems.add(FunctionProblem.of("condition",
                    "condition must be {\"call_type\": \"all|connected|not_connected\", \"all\": [...]}"));
            return java.util.Optional.empty();
        }
        ObjectNode json = Json.object();
        JsonNode type = node.get("call_type");
        String callType = type == null || type.isNull() ? "all" : type.asText().strip().toLowerCase(Locale.ROOT);
        if (!CALL_TYPES.contains(callType)) {
            problems.add(FunctionProblem.of("condition.call_type", "call_type must be one of " + CALL_TYPES));
        }
        json.put("call_type", callType);
        ArrayNode all = json.putArray("all");
        JsonNode items = node.get("all");
        if (items != null && !items.isNull() && !items.isArray()) {
            problems.add(FunctionProblem.of("condition.all", "condition.all must be a list of conditions"));
        } else if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                String field = "condition.all[" + i + "]";
                Condition condition = condition(item, field, problems);
                if (condition != null) {
                    for (String problem : ConditionEvaluator.check(condition)) {
                        problems.add(FunctionProblem.of(field, problem));
                    }
                    out.add(condition);
                }
                all.add(item);
            }
        }
        return java.util.Optional.of(json);
    }

    /**
     * Seed form {@code {"source": "post_call", "field": "interested", "operator": "==", "value": true}} (source
     * {@code call_metadata}, {@code post_call} or {@code call}), or DESIGN.md's {@code {"left", "operator", "right"}}.
     */
    private static Condition condition(JsonNode item, String field, List<FunctionProblem> problems) {
        if (!item.isObject()) {
            problems.add(FunctionProblem.of(field, "a condition is an object"));
            return null;
        }
        String operator = item.path("operator").asText(null);
        if (item.has("left")) {
            return new Condition(item.get("left"), operator, item.get("right"));
        }
        String source = item.path("source").asText("");
        String name = item.path("field").asText("");
        if (name.isBlank() || !(source.equals("call_metadata") || source.equals("post_call") || source.equals("call"))) {
            problems.add(FunctionProblem.of(field, "a condition needs source (call_metadata, post_call or call), "
                    + "field, operator and value"));
            return null;
        }
        String path = source.equals("call") ? name : source + "." + name;
        return new Condition(Json.mapper().getNodeFactory().textNode("{{" + path + "}}"), operator, item.get("value"));
    }

    /** Templates parse, and every bare placeholder is a mapped variable or a context field. */
    private static void checkTemplates(String url, Map<String, String> headers, JsonNode parameters,
                                       Map<String, String> variables, List<FunctionProblem> problems) {
        if (url != null) {
            checkTemplate("api_url", url, variables, problems);
            if (!url.startsWith("{{") && !url.matches("(?i)https?://.+")) {
                problems.add(FunctionProblem.of("api_url", "api_url must be an absolute http(s) URL"));
            }
        }
        headers.forEach((name, value) -> checkTemplate("headers." + name, value, variables, problems));
        checkJson("parameters", parameters, variables, problems);
    }

    private static void checkJson(String field, JsonNode node, Map<String, String> variables,
                                  List<FunctionProblem> problems) {
        if (node.isTextual()) {
            checkTemplate(field, node.textValue(), variables, problems);
        } else if (node.isObject()) {
            node.properties().forEach(e -> checkJson(field + "." + e.getKey(), e.getValue(), variables, problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkJson(field + "[" + i + "]", node.get(i), variables, problems);
            }
        }
    }

    private static void checkTemplate(String field, String text, Map<String, String> variables,
                                      List<FunctionProblem> problems) {
        try {
            Template.parse(text);
        } catch (TemplateException e) {
            problems.add(FunctionProblem.of(field, e.getMessage()));
            return;
        }
        Matcher m = DOUBLE.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            String root = name.split("\\.", 2)[0];
            if (!variables.containsKey(root) && !FunctionContext.isField(root) && !root.equals("interaction")) {
                problems.add(FunctionProblem.of(field, "variable '" + name + "' is not mapped: add it to variables "
                        + "with its source, e.g. \"" + root + "\": \"call_metadata." + root + "\""));
            }
        }
    }

    private static String text(JsonNode body, String field, boolean required, List<FunctionProblem> problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.textValue().isBlank())) {
            if (required) {
                problems.add(FunctionProblem.of(field, field + " is required for a basic function"));
            }
            return null;
        }
        if (!value.isTextual()) {
            problems.add(FunctionProblem.of(field, field + " must be text"));
            return null;
        }
        return value.textValue().strip();
    }

    private static String optionalText(JsonNode body, String field, List<FunctionProblem> problems) {
        return text(body, field, false, problems);
    }

    private static Map<String, String> stringMap(JsonNode node, String field, List<FunctionProblem> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            problems.add(FunctionProblem.of(field, field + " must be an object of text values"));
            return out;
        }
        node.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().textValue());
            } else if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            } else {
                problems.add(FunctionProblem.of(field + "." + e.getKey(), field + " values must be text"));
            }
        });
        return out;
    }
}
