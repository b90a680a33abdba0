package dev.aftercall.engine.template;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link Render#throwIfStrictAndMissing()} when a strict node referenced variables that do not exist.
 * The message repeats the trace warnings, e.g. {@code "variable 'ticket_id' is not defined"}.
 */
public class MissingVariableException extends RuntimeException {
    private final List<String> names;

    public MissingVariableException(List<String> names) {
        super(names.stream().map(MissingVariableException::describe).collect(Collectors.joining("; ")));
        this.names = List.copyOf(names);
    }

    public List<String> names() {
        return names;
    }

    static String describe(String name) {
        return "variable '" + name + "' is not defined";
    }
}
