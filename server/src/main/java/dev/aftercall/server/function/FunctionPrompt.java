package dev.aftercall.server.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.model.ApiRequestNode;
import dev.aftercall.server.json.Json;
import java.util.List;

/**
 * What "Generate with AI" tells the language model: the contract of seed 000 as a system prompt, the JSON schema
 * of the answer (strict structured output), the message asking for a repair, and the reading of the answer back
 * into a function body that {@link FunctionDefinition} checks like any other.
 *
 * <p>OpenAI's strict mode allows no free-form objects, so a basic function's maps (headers, variables,
 * response_mapping) are asked for as lists of pairs, and its {@code parameters} and condition values as JSON text;
 * {@link #toFunction} turns them back into the API's shape.
 */
final class FunctionPrompt {
    static final String SCHEMA_NAME = "post_call_function";

    private FunctionPrompt() {
    }

    static String system(String mode, String name) {
        StringBuilder out = new StringBuilder();
        out.append("You write post-call functions for Aftercall, a voice-AI platform. A post-call function runs ")
                .append("once after every finished call, after the AI analysis and before the flows.\n");
        if (name != null) {
            out.append("The function must be named exactly `").append(name).append("`.\n");
        } else {
            out.append("Choose a short camelCase name without spaces (e.g. calculateNDOA, updateLead).\n");
        }
        out.append(FunctionDefinition.ADVANCED.equals(mode) ? advancedRules() : basicRules());
        out.append("Answer with one JSON object that matches the JSON schema, and nothing else.\n");
        return out.toString();
    }

    private static String advancedRules() {
        return """
                Write an ADVANCED function: JavaScript that runs in a sandbox.
                Rules (a function that breaks one is rejected):
                - The code is exactly one declaration: `async function <name>(context) { ... }`, with the same name as \
                the `name` field. Nothing before or after it: no other top-level functions, constants or statements.
                - It takes exactly one parameter, `context`, reads every input from it and returns nothing: \
                its changes to `context` are what is saved.
                - `context` fields: `call_metadata` (object, the call's custom fields such as lead_id, name, email), \
                `post_call` (object, the AI-extracted variables), `post_call_detail` (object of {value, comment}), \
                `functions_called` (array of logs), `conversion_status` (boolean), `disposition_reason` (string), \
                `next_call_scheduled` (boolean), `call_duration` (seconds, 0 when not connected), `hangup_reason`, \
                `user_phone_number`, `agent_phone_number`, `callSid`, `recordingUrl`, `agent` (agent id), `userId`, \
                `name` (agent name).
                - You may change only: context.conversion_status, context.disposition_reason, \
                context.next_call_scheduled, context.post_call.*, context.post_call_detail.* (as {value, comment}) \
                and push to context.functions_called. Never assign to call_metadata, call_duration, hangup_reason, \
                callSid, recordingUrl, user_phone_number, agent_phone_number, agent, userId or name.
                - Pre-imported, use them directly: `axios` (axios(config), axios.get/post/put/patch/delete; answers \
                {status, data, headers}; throws on non-2xx; pass `timeout`), `moment` with `moment.tz`, and lodash \
                as `_`. `console.log` and `console.error` write to the trace.
                - Forbidden: require, import, import(), process, process.env, eval, Function, new Function, fs, \
                child_process, Java, Polyglot, setTimeout/setInterval, and reaching constructors through \
                `.constructor`. Do not write secrets into the code; headers with placeholder tokens are fine.
                - Wrap HTTP calls in try/catch and record failures in post_call_detail.
                - Log each run with context.functions_called.push({name, parameters, success, response, timestamp}) \
                using exactly these 5 fields (timestamp: new Date().toISOString()) and no others.
                Example:
                async function calculateNDOA(context) {
                    const nowIST = moment.tz("Asia/Kolkata");
                    const connected = context.call_duration > 0;
                    const ndoa = connected && context.post_call.confirmation ? "" :
                        nowIST.clone().add(connected ? 60 : 90, "minutes").format("YYYY-MM-DDTHH:mm:ss");
                    context.post_call.ndoa = ndoa;
                    context.post_call_detail.ndoa = { value: ndoa, comment: "Next Date of Action calculated" };
                    context.functions_called.push({ name: "calculateNDOA", parameters: { call_duration: \
                context.call_duration }, success: true, response: { ndoa: ndoa }, timestamp: new Date().toISOString() });
                }
                The answer has `name` and `code` (the whole function's source text).
                """;
    }

    private static String basicRules() {
        return """
                Write a BASIC function: one HTTP request, configured, no code.
                - `api_url`: an absolute http(s) URL; it may contain variables as {{lead_id}}.
                - `method`: GET, POST, PUT, PATCH or DELETE (GET and DELETE send the parameters as the query).
                - `headers`: list of {name, value}; values may use {{variables}}. Use placeholder tokens, no real secrets.
                - `parameters_json`: the JSON object to send, as JSON text, with "{{variable}}" placeholders, \
                e.g. "{\\"lead\\": \\"{{lead_id}}\\", \\"status\\": \\"{{call_status}}\\"}" ("{}" for none).
                - `variables`: list of {name, source}: every placeholder used must be listed, its source a path \
                `call_metadata.<field>`, `post_call.<field>` or a call field: call_duration, hangup_reason, \
                user_phone_number, agent_phone_number, callSid, recordingUrl, agent, userId, name.
                - `condition`: `call_type` all (every call), connected (duration > 0) or not_connected, and `all`: \
                a list of {source: call_metadata|post_call|call, field, operator, value_json}, all AND-ed. \
                Operators: ==, !=, >, >=, <, <=, contains, in, exists. `value_json` is the value as JSON text \
                (true, "website", 3).
                - `response_mapping`: list of {field, path}: post_call fields to set from the response with a \
                JSONPath such as $.id; an empty list when nothing is kept.
                """;
    }

    static String user(String prompt) {
        return "Write this post-call function:\n" + prompt;
    }

    /** The second request: the model's answer did not pass the checks. */
    static String repair(List<FunctionProblem> problems) {
        StringBuilder out = new StringBuilder("That function is rejected by the validator:\n");
        for (FunctionProblem p : problems) {
            out.append("- ");
            if (p.field() != null) {
                out.append(p.field());
                if (p.line() != null) {
                    out.append(" line ").append(p.line()).append(", column ").append(p.column());
                }
                out.append(": ");
            }
            out.append(p.message()).append('\n');
        }
        return out.append("Answer again with the whole corrected function, following every rule.").toString();
    }

    /** The JSON schema of the answer, strict: every property required, no others. */
    static ObjectNode schema(String mode) {
        if (FunctionDefinition.ADVANCED.equals(mode)) {
            return object(List.of("name", "code"), string(), string());
        }
        ObjectNode method = Json.object().put("type", "string");
        ArrayNode methods = method.putArray("enum");
        ApiRequestNode.METHODS.forEach(methods::add);
        ObjectNode callType = Json.object().put("type", "string");
        callType.putArray("enum").add("all").add("connected").add("not_connected");
        ObjectNode source = Json.object().put("type", "string");
        source.putArray("enum").add("call_metadata").add("post_call").add("call");
        ObjectNode condition = object(List.of("call_type", "all"), callType, array(object(
                List.of("source", "field", "operator", "value_json"), source, string(), string(),
                string())));
        return object(List.of("name", "api_url", "method", "headers", "parameters_json", "variables", "condition",
                        "response_mapping"),
                string(), string(), method,
                array(object(List.of("name", "value"), string(), string())),
                string(),
                array(object(List.of("name", "source"), string(), string())),
                condition,
                array(object(List.of("field", "path"), string(), string())));
    }

    private static ObjectNode string() {
        return Json.object().put("type", "string");
    }

    private static ObjectNode array(ObjectNode items) {
        ObjectNode array = Json.object().put("type", "array");
        array.set("items", items);
        return array;
    }

    private static ObjectNode object(List<String> names, ObjectNode... types) {
        ObjectNode schema = Json.object().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (int i = 0; i < names.size(); i++) {
            properties.set(names.get(i), types[i]);
            required.add(names.get(i));
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /**
     * The model's answer as a function body ({@code mode} set, {@code name} forced to the requested one), or
     * problems when it is not the JSON asked for. Parts that cannot be read are left out and reported, so the
     * validator's own messages stay about the function.
     */
    static ObjectNode toFunction(String text, String mode, String name, List<FunctionProblem> problems) {
        ObjectNode function = Json.object();
        JsonNode answer;
        try {
            answer = Json.tree(unfenced(text == null ? "" : text.strip()));
        } catch (RuntimeException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            problems.add(FunctionProblem.of(null, "the model's answer is not the JSON object asked for"));
            function.put("name", name);
            function.put("mode", mode);
            return function;
        }
        JsonNode answeredName = answer.get("name");
        if (name != null) {
            function.put("name", name);
        } else {
            function.set("name", answeredName);
        }
        function.put("mode", mode);
        if (FunctionDefinition.ADVANCED.equals(mode)) {
            function.set("code", answer.get("code"));
            return function;
        }
        function.set("api_url", answer.get("api_url"));
        function.set("method", answer.get("method"));
        function.set("headers", pairs(answer.get("headers"), "name", "value", "headers", problems));
        function.set("parameters", jsonText(answer.get("parameters_json"), "parameters", problems));
        function.set("variables", pairs(answer.get("variables"), "name", "source", "variables", problems));
        function.set("condition", condition(answer.get("condition"), problems));
        function.set("response_mapping", pairs(answer.get("response_mapping"), "field", "path", "response_mapping",
                problems));
        return function;
    }

    private static ObjectNode pairs(JsonNode list, String key, String value, String field,
                                    List<FunctionProblem> problems) {
        ObjectNode out = Json.object();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            problems.add(FunctionProblem.of(field, field + " must be a list of {" + key + ", " + value + "}"));
            return out;
        }
        for (JsonNode pair : list) {
            if (!pair.path(key).isTextual() || pair.path(key).textValue().isBlank()) {
                problems.add(FunctionProblem.of(field, "each " + field + " entry needs a " + key));
                continue;
            }
            out.set(pair.get(key).textValue(), pair.get(value));
        }
        return out;
    }

    private static JsonNode jsonText(JsonNode text, String field, List<FunctionProblem> problems) {
        if (text == null || text.isNull()) {
            return null;
        }
        if (!text.isTextual()) {
            return text;
        }
        try {
            return Json.tree(text.textValue());
        } catch (RuntimeException e) {
            problems.add(FunctionProblem.of(field, field + " is not valid JSON: " + abbreviate(text.textValue())));
            return null;
        }
    }

    private static JsonNode condition(JsonNode condition, List<FunctionProblem> problems) {
        if (condition == null || !condition.isObject()) {
            return condition;
        }
        ObjectNode out = Json.object();
        out.set("call_type", condition.get("call_type"));
        ArrayNode all = out.putArray("all");
        JsonNode items = condition.get("all");
        if (items != null && items.isArray()) {
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                if (!item.isObject()) {
                    all.add(item);
                    continue;
                }
                ObjectNode copy = ((ObjectNode) item).deepCopy();
                JsonNode value = copy.remove("value_json");
                copy.set("value", jsonText(value, "condition.all[" + i + "].value", problems));
                all.add(copy);
            }
        }
        return out;
    }

    /** A model without structured output may still wrap its JSON in a Markdown code fence. */
    private static String unfenced(String text) {
        if (text.startsWith("```") && text.endsWith("```") && text.length() > 6) {
            String inner = text.substring(3, text.length() - 3);
            return inner.startsWith("json") ? inner.substring(4) : inner;
        }
        return text;
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
