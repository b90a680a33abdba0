package dev.aftercall.engine.flow;

import java.util.List;

/** A flow document that cannot be saved or run; {@link #errors()} names every problem found. */
public class FlowValidationException extends RuntimeException {
    private final List<FlowError> errors;

    public FlowValidationException(List<FlowError> errors) {
        super(errors.isEmpty() ? "invalid flow" : errors.get(0).error());
        this.errors = List.copyOf(errors);
    }

    public List<FlowError> errors() {
        return errors;
    }
}
