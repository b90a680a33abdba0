package dev.aftercall.server.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * The one Jackson setup for what the server stores as JSON text (flow documents, run states, auth profiles).
 * Engine records carry their own snake_case annotations; this adds {@code java.time} as ISO-8601 text so a
 * stored {@code RunState} reads back exactly as written, in any process. {@link JsonCustomizer} applies the same
 * settings to the mapper Quarkus uses for HTTP bodies.
 */
public final class Json {
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private Json() {
    }

    static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // "{...} trailing" is not JSON: refuse it rather than read the first value and drop the rest.
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Serialises a value for a text column; failures here are programming errors, not user input. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a text column written by {@link #write}; null stays null. */
    public static <T> T read(String text, Class<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(String text) {
        return text == null ? null : read(text, JsonNode.class);
    }

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
