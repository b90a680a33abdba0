package dev.aftercall.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns flow variables. Each value is a JSON value whose strings may hold templates; a string that is exactly
 * one placeholder keeps the variable's JSON type.
 */
@JsonIgnoreProperties({"ui"})
public record SetVariableNode(String id, Map<String, JsonNode> assignments, Boolean strict) implements Node {
    public static final String TYPE = "set_variable";

    public SetVariableNode {
        assignments = assignments == null ? Map.of() : new LinkedHashMap<>(assignments);
    }

    public boolean isStrict() {
        return Boolean.TRUE.equals(strict);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> ports() {
        return List.of(DEFAULT_PORT);
    }
}
