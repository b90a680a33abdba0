package dev.aftercall.server.function;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something wrong with a function definition: what to change, which field ({@code name}, {@code code},
 * {@code condition.all[0].operator}, ...) and, for code, the 1-based line and column an editor shows.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunctionProblem(String message, String field, Integer line, Integer column) {
    static FunctionProblem of(String field, String message) {
        return new FunctionProblem(message, field, null, null);
    }
}
