package dev.aftercall.engine.condition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.template.PathLookup;
import dev.aftercall.engine.template.Render;
import dev.aftercall.engine.template.VariableLookup;

/** A finished call's variables and shorthand for writing conditions as JSON, as they appear in flow documents. */
final class ConditionFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final VariableLookup CALL = PathLookup.over((ObjectNode) json("""
            {"interaction": {"CALL_ID": "c-1", "DURATION": 42, "DURATION_TEXT": "42", "SCORE": "42.0",
                             "CONNECTED": true, "CONNECTED_TEXT": "true", "DISPOSITION": "Escalated",
                             "SUMMARY": "Customer wants a refund for order 991", "TRANSCRIPT": "   ",
                             "ENDED_AT": "2026-03-01T10:15:00Z", "HANGUP_REASON": null,
                             "TAGS": ["vip", "refund", 7], "EXTRA": {}, "AGENT": {"id": 3, "team": "billing"},
                             "NO_TAGS": []},
             "call_metadata": {"lead_id": 7, "source": "web", "created": "2026-02-28"},
             "long_a": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}
            """));

    private ConditionFixtures() {
    }

    /** {@code left} and {@code right} are JSON texts; pass null for an operand that is not there at all. */
    static Condition condition(String left, String operator, String right) {
        return new Condition(left == null ? null : json(left), operator, right == null ? null : json(right));
    }

    static boolean holds(String left, String operator, String right) {
        return ConditionEvaluator.test(condition(left, operator, right), CALL, Render.lenient());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
