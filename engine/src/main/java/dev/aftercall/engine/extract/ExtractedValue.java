package dev.aftercall.engine.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One extracted variable as the call's "AI analysis" shows it: the typed value (numbers as JSON numbers, booleans
 * as booleans, dates as ISO 8601 text, or null), the field's type, where it came from and why it is what it is.
 *
 * @param value    the typed value; never Java null ({@link NullNode} instead)
 * @param type     the field's type name ({@link FieldType#wireName()})
 * @param source   {@value #LLM}, {@value #EMBEDDED} or {@value #PLATFORM}
 * @param reason   why the value is null, or how it was found; short, may be null
 * @param evidence the transcript snippet that produced the value; may be null
 */
public record ExtractedValue(JsonNode value, String type, String source, String reason, String evidence) {
    /** Filled by the configured language model. */
    public static final String LLM = "llm";
    /** Filled by the embedded extractor, without a model. */
    public static final String EMBEDDED = "embedded";
    /** Sent by the voice platform in the call's {@code post_call}. */
    public static final String PLATFORM = "platform";

    public ExtractedValue {
        value = value == null || value.isMissingNode() ? NullNode.getInstance() : value;
    }

    /** A null value and why. */
    public static ExtractedValue missing(String type, String source, String reason) {
        return new ExtractedValue(NullNode.getInstance(), type, source, reason, null);
    }

    public boolean isNull() {
        return value.isNull();
    }

    public ExtractedValue withSource(String newSource) {
        return new ExtractedValue(value, type, newSource, reason, evidence);
    }

    public ExtractedValue withReason(String newReason) {
        return new ExtractedValue(value, type, source, newReason, evidence);
    }

    public ExtractedValue withEvidence(String newEvidence) {
        return new ExtractedValue(value, type, source, reason, newEvidence);
    }

    /** {@code {"value", "type", "source", "reason"}}, plus {@code "evidence"} when there is some. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("value", value);
        json.put("type", type);
        json.put("source", source);
        json.put("reason", reason);
        if (evidence != null) {
            json.put("evidence", evidence);
        }
        return json;
    }

    /** Reads what {@link #toJson()} wrote, so a stored analysis can be read back. */
    public static ExtractedValue fromJson(JsonNode json) {
        return new ExtractedValue(json.get("value"), text(json, "type"), text(json, "source"), text(json, "reason"),
                text(json, "evidence"));
    }

    private static String text(JsonNode json, String key) {
        JsonNode node = json.get(key);
        return node == null || node.isNull() ? null : node.asText();
    }
}
