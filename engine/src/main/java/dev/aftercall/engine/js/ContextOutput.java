package dev.aftercall.engine.js;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Turns what a run left in its context into the context that is saved: only the mutable fields are taken from
 * the run (read-only ones stay the input's, whatever the script did), then the seed's schemas are checked.
 */
final class ContextOutput {
    static final List<String> MUTABLE = List.of("post_call", "post_call_detail", "functions_called",
            "conversion_status", "disposition_reason", "next_call_scheduled");
    static final List<String> LOG_FIELDS = List.of("name", "parameters", "success", "response", "timestamp");
    private static final Set<String> LOG_FIELD_SET = Set.copyOf(LOG_FIELDS);

    private ContextOutput() {
    }

    /**
     * The input with the run's mutable fields; the input unchanged when the run left nothing.
     *
     * @throws IllegalArgumentException when the run's fields are not JSON Jackson can read (too deep, too long)
     */
    static ObjectNode merge(ObjectMapper json, ObjectNode input, String mutableJson, List<String> warnings) {
        ObjectNode after = input.deepCopy();
        if (mutableJson != null) {
            JsonNode changed;
            try {
                changed = json.readTree(mutableJson);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the context could not be saved: " + e.getOriginalMessage(), e);
            }
            for (String field : MUTABLE) {
                if (changed.has(field)) {
                    after.set(field, changed.get(field));
                } else {
                    after.remove(field);
                }
            }
        }
        after.set("functions_called", functionsCalled(json, after.get("functions_called"), warnings));
        checkDetails(after.get("post_call_detail"), warnings);
        return after;
    }

    /** Seed 000's MANDATORY SCHEMA: extra fields are removed with a warning, missing ones reported. */
    private static ArrayNode functionsCalled(ObjectMapper json, JsonNode value, List<String> warnings) {
        ArrayNode out = json.createArrayNode();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isArray()) {
            warnings.add("functions_called is not an array; it was replaced by an empty one");
            return out;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode entry = value.get(i);
            if (!entry.isObject()) {
                warnings.add("functions_called[" + i + "] is not an object; it was removed");
                continue;
            }
            ObjectNode kept = json.createObjectNode();
            List<String> extra = new ArrayList<>();
            for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (LOG_FIELD_SET.contains(name)) {
                    kept.set(name, entry.get(name));
                } else {
                    extra.add(name);
                }
            }
            int index = out.size();
            if (!extra.isEmpty()) {
                warnings.add("functions_called[" + index + "]: removed fields not in the 5-field schema: "
                        + String.join(", ", extra));
            }
            List<String> missing = LOG_FIELDS.stream().filter(f -> !entry.has(f)).toList();
            if (!missing.isEmpty()) {
                warnings.add("functions_called[" + index + "]: missing fields of the 5-field schema: "
                        + String.join(", ", missing));
            }
            out.add(kept);
        }
        return out;
    }

    private static void checkDetails(JsonNode details, List<String> warnings) {
        if (details == null || !details.isObject()) {
            return;
        }
        details.fields().forEachRemaining(field -> {
            JsonNode detail = field.getValue();
            if (!detail.isObject() || !detail.has("value") || !detail.has("comment")) {
                warnings.add("post_call_detail." + field.getKey() + " should be {value, comment}");
            }
        });
    }
}
