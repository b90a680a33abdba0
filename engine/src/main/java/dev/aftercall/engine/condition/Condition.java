package dev.aftercall.engine.condition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One comparison, the same everywhere (decision nodes, basic functions, actions): {@code left operator right}.
 * {@code left} and {@code right} are JSON values whose strings may be templates such as
 * {@code "{{interaction.DISPOSITION}}"}; {@code right} is absent for unary operators ({@code exists}, ...).
 */
public record Condition(JsonNode left, String operator, JsonNode right) {
}
