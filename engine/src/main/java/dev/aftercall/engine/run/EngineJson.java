package dev.aftercall.engine.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON mapping for engine state ({@link RunState}, {@link Step}): times as ISO-8601 text. */
public final class EngineJson {
    public static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private EngineJson() {
    }

    /** Applies the engine's settings to another mapper, such as the server's. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
