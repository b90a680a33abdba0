package dev.aftercall.server.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftercall.engine.extract.ExtractionField;

import java.util.function.BiFunction;

/** Reads one variable of either seed's shape, turning the engine's complaint into the API's error for the field. */
final class VariableInputs {
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_DESCRIPTION_LENGTH = 4000;

    private VariableInputs() {
    }

    /**
     * @param at    where the variable is in the body, e.g. {@code [2]}, prefixed to the field in errors
     * @param error makes the exception for a message and a field
     */
    static ExtractionField field(JsonNode json, String at, BiFunction<String, String, RuntimeException> error) {
        if (json == null || !json.isObject()) {
            throw error.apply(at + " must be a JSON object", at);
        }
        boolean seed004 = json.has("var_name") || json.has("var_type");
        String nameKey = seed004 ? "var_name" : "name";
        String typeKey = seed004 ? "var_type" : "type";
        JsonNode name = json.get(nameKey);
        if (name != null && !name.isNull() && !name.isTextual()) {
            throw error.apply(at + "." + nameKey + " must be a string", at + "." + nameKey);
        }
        JsonNode description = json.get("description");
        if (description != null && !description.isNull() && !description.isTextual()) {
            throw error.apply(at + ".description must be a string", at + ".description");
        }
        JsonNode values = json.get("values");
        if (values != null && !values.isNull() && !values.isArray()) {
            throw error.apply(at + ".values must be an array of strings", at + ".values");
        }
        ExtractionField field;
        try {
            field = ExtractionField.fromJson(json);
        } catch (IllegalArgumentException e) {
            String key = e.getMessage() != null && e.getMessage().startsWith(typeKey) ? typeKey : nameKey;
            throw error.apply(at + "." + e.getMessage(), at + "." + key);
        }
        if (field.name().length() > MAX_NAME_LENGTH) {
            throw error.apply(at + "." + nameKey + " is longer than " + MAX_NAME_LENGTH + " characters",
                    at + "." + nameKey);
        }
        if (field.description() != null && field.description().length() > MAX_DESCRIPTION_LENGTH) {
            throw error.apply(at + ".description is longer than " + MAX_DESCRIPTION_LENGTH + " characters",
                    at + ".description");
        }
        return field;
    }
}
