package dev.aftercall.server.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.condition.Operator;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.json.Json;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a post-call action (seed 003) must look like. The seed's JSON is accepted unchanged:
 * {@code {"type", "name", "condition": {"field", "operator", "value"}, "config": {...}}}; errors name the action
 * and the field.
 * <ul>
 *   <li>{@code webhook}: {@code config.url} (http/https), optional {@code config.method} (POST) and
 *   {@code config.headers};</li>
 *   <li>{@code schedule_call}: optional {@code config.use_field}, {@code fallback_delay_minutes} (1440),
 *   {@code from_number}, {@code to_number} or {@code to_field} (else the call's user number);</li>
 *   <li>{@code transfer_call} happens during a call and is refused here.</li>
 * </ul>
 */
public final class ActionRules {
    public static final String WEBHOOK = "webhook";
    public static final String SCHEDULE_CALL = "schedule_call";
    static final List<String> METHODS = List.of("POST", "PUT", "PATCH");
    static final int DEFAULT_FALLBACK_MINUTES = 1440;

    private ActionRules() {
    }

    /** The request body as a list of actions: an array, {@code {"actions": [...]}}, or one action object. */
    public static ArrayNode list(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ApiException.badRequest("a JSON array of actions is required", "actions");
        }
        if (body.isArray()) {
            return (ArrayNode) body;
        }
        if (body.isObject() && body.has("actions") && !body.has("type")) {
            JsonNode actions = body.get("actions");
            if (!actions.isArray()) {
                throw ApiException.badRequest("actions must be an array", "actions");
            }
            return (ArrayNode) actions;
        }
        if (body.isObject()) {
            ArrayNode one = Json.mapper().createArrayNode();
            one.add(body);
            return one;
        }
        throw ApiException.badRequest("a JSON array of actions is required", "actions");
    }

    /** Checks every action; names must be unique per agent (they key the call's decisions and deliveries). */
    public static void check(ArrayNode actions) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < actions.size(); i++) {
            JsonNode action = actions.get(i);
            String at = "actions[" + i + "]";
            if (!action.isObject()) {
                throw ApiException.badRequest(at + " must be an object", at);
            }
            String type = text(action, "type", at);
            String name = text(action, "name", at);
            if (name.length() > 200) {
                throw ApiException.badRequest(at + ".name is longer than 200 characters", at + ".name");
            }
            if (!names.add(name)) {
                throw ApiException.badRequest("two actions are named '" + name + "'", at + ".name");
            }
            switch (type) {
                case WEBHOOK -> checkWebhook(action, at);
                case SCHEDULE_CALL -> checkScheduleCall(action, at);
                case "transfer_call" -> throw ApiException.badRequest("transfer_call is a during-call action: it "
                        + "hands a live call to a human and cannot run after the call has ended", at + ".type");
                default -> throw ApiException.badRequest(at + ".type must be webhook or schedule_call, not '"
                        + type + "'", at + ".type");
            }
            checkCondition(action.get("condition"), at + ".condition");
        }
    }

    private static void checkCondition(JsonNode condition, String at) {
        if (condition == null || condition.isNull()) {
            return;
        }
        if (!condition.isObject()) {
            throw ApiException.badRequest(at + " must be an object", at);
        }
        text(condition, "field", at);
        String operator = text(condition, "operator", at);
        if (Operator.of(operator).isEmpty()) {
            throw ApiException.badRequest(at + ".operator must be == or != (or another condition operator), not '"
                    + operator + "'", at + ".operator");
        }
        JsonNode value = condition.get("value");
        if (value != null && value.isContainerNode() && !"in".equals(operator)) {
            throw ApiException.badRequest(at + ".value must be a string, number, boolean or null", at + ".value");
        }
    }

    private static void checkWebhook(JsonNode action, String at) {
        JsonNode config = config(action, at, true);
        String url = text(config, "url", at + ".config");
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
        } catch (Exception e) {
            throw ApiException.badRequest(at + ".config.url must be an absolute http(s) URL", at + ".config.url");
        }
        JsonNode method = config.get("method");
        if (method != null && !(method.isTextual() && METHODS.contains(method.asText().toUpperCase()))) {
            throw ApiException.badRequest(at + ".config.method must be one of " + METHODS, at + ".config.method");
        }
        JsonNode headers = config.get("headers");
        if (headers != null && !headers.isNull()) {
            if (!headers.isObject()) {
                throw ApiException.badRequest(at + ".config.headers must be an object", at + ".config.headers");
            }
            headers.properties().forEach(h -> {
                if (!h.getValue().isTextual() || h.getKey().isBlank() || h.getKey().matches(".*[\\r\\n:].*")
                        || h.getValue().asText().matches("(?s).*[\\r\\n].*")) {
                    throw ApiException.badRequest(at + ".config.headers." + h.getKey()
                            + " must be a single-line text header", at + ".config.headers");
                }
            });
        }
    }

    private static void checkScheduleCall(JsonNode action, String at) {
        JsonNode config = config(action, at, false);
        if (config == null) {
            return;
        }
        JsonNode minutes = config.get("fallback_delay_minutes");
        if (minutes != null && !minutes.isNull() && !(minutes.canConvertToLong() && minutes.asLong() >= 0
                && minutes.asLong() <= 525_600 && minutes.isIntegralNumber())) {
            throw ApiException.badRequest(at + ".config.fallback_delay_minutes must be a whole number of minutes "
                    + "between 0 and 525600", at + ".config.fallback_delay_minutes");
        }
        for (String field : List.of("use_field", "from_number", "to_number", "to_field")) {
            JsonNode value = config.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw ApiException.badRequest(at + ".config." + field + " must be a string", at + ".config." + field);
            }
        }
    }

    private static JsonNode config(JsonNode action, String at, boolean required) {
        JsonNode config = action.get("config");
        if (config == null || config.isNull()) {
            if (required) {
                throw ApiException.badRequest(at + ".config is required", at + ".config");
            }
            return null;
        }
        if (!config.isObject()) {
            throw ApiException.badRequest(at + ".config must be an object", at + ".config");
        }
        return config;
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ApiException.badRequest(at + "." + field + " is required", at + "." + field);
        }
        return value.asText();
    }

    static ObjectNode configOf(JsonNode action) {
        JsonNode config = action.get("config");
        return config instanceof ObjectNode object ? object : Json.object();
    }
}
