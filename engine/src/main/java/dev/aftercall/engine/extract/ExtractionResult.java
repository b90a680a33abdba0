package dev.aftercall.engine.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The extracted variables of one call, in the order the fields were defined.
 *
 * @param values field name to extracted value; unmodifiable, ordered
 */
public record ExtractionResult(Map<String, ExtractedValue> values) {
    public ExtractionResult {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of a field, or null when the result does not hold that field. */
    public ExtractedValue get(String name) {
        return values.get(name);
    }

    /** The "AI analysis" stored on the call: {@code {"<name>": {"value", "type", "source", "reason"}}}. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        values.forEach((name, value) -> json.set(name, value.toJson()));
        return json;
    }

    /** Just the values, {@code {"<name>": value}}: what {@code post_call.*} and {@code {{placeholders}}} see. */
    public ObjectNode variables() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        values.forEach((name, value) -> json.set(name, value.value()));
        return json;
    }

    /** Reads what {@link #toJson()} wrote. */
    public static ExtractionResult fromJson(JsonNode json) {
        Map<String, ExtractedValue> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            values.put(field.getKey(), ExtractedValue.fromJson(field.getValue()));
        }
        return new ExtractionResult(values);
    }
}
