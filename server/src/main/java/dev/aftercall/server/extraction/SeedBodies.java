package dev.aftercall.server.extraction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aftercall.server.json.Json;

/**
 * Reads the bodies of the seed 004 API as text, so that even an unreadable body is answered in the seed's error
 * shape rather than the rest of the API's.
 */
public final class SeedBodies {
    private SeedBodies() {
    }

    /** The body's JSON; a 400 in the seed's shape when it is empty or not JSON. */
    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw SeedError.badRequest("request body is empty: send JSON", null);
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw SeedError.badRequest("malformed JSON: " + e.getOriginalMessage(), null);
        }
    }

    /** A whole number in the body, e.g. {@code variable_id}; a 400 naming the field otherwise. */
    public static long id(JsonNode value, String field) {
        if (value != null && value.isIntegralNumber() && value.canConvertToLong() && value.asLong() > 0) {
            return value.asLong();
        }
        if (value != null && value.isTextual() && value.asText().strip().matches("\\d{1,18}")) {
            return Long.parseLong(value.asText().strip());
        }
        throw SeedError.badRequest(field + " must be a positive whole number", field);
    }
}
