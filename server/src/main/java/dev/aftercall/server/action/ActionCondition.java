package dev.aftercall.server.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aftercall.engine.condition.Condition;
import dev.aftercall.engine.condition.ConditionEvaluator;
import dev.aftercall.engine.template.Render;
import java.util.Optional;

/**
 * A seed 003 action condition, {@code {"field", "operator", "value"}}, tested on the call as processing left it.
 * The field is looked up in {@code post_call} (the extraction result) first, then on the call itself; a dotted
 * name ({@code call_metadata.lead_source}) is a path from the call. Comparison is the engine's typed one, so
 * {@code "true"} equals {@code true}, and {@code null} equals a missing value.
 */
final class ActionCondition {
    private ActionCondition() {
    }

    /** Whether the action runs, and why in words. */
    record Verdict(boolean runs, String reason) {
    }

    static Verdict test(JsonNode condition, JsonNode call) {
        if (condition == null || condition.isNull()) {
            return new Verdict(true, "no condition");
        }
        String field = condition.path("field").asText();
        String operator = condition.path("operator").asText();
        JsonNode expected = condition.has("value") ? condition.get("value") : null;
        JsonNode actual = lookup(call, field);
        Condition engine = new Condition(TextNode.valueOf("{{actual}}"), operator, TextNode.valueOf("{{expected}}"));
        boolean holds = ConditionEvaluator.test(engine, name -> switch (name) {
            case "actual" -> Optional.ofNullable(actual);
            case "expected" -> Optional.ofNullable(expected);
            default -> Optional.empty();
        }, Render.lenient());
        String text = field + " " + operator + " " + (expected == null ? "null" : expected.toString());
        String seen = actual == null ? "absent" : actual.toString();
        return new Verdict(holds, (holds ? "condition met: " : "condition not met: ") + text + " (value " + seen + ")");
    }

    static JsonNode lookup(JsonNode call, String field) {
        JsonNode postCall = call.path("post_call");
        if (postCall.has(field)) {
            return postCall.get(field);
        }
        if (call.has(field)) {
            return call.get(field);
        }
        if (field.contains(".")) {
            JsonNode at = call;
            for (String part : field.split("\\.")) {
                at = at.path(part);
            }
            return at.isMissingNode() ? null : at;
        }
        return null;
    }
}
