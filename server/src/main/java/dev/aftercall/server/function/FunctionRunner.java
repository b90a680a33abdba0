package dev.aftercall.server.function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs one function of either mode on a context; never throws for anything the function does. */
@ApplicationScoped
public class FunctionRunner {
    private final BasicRunner basic;
    private final AdvancedRunner advanced;

    public FunctionRunner(BasicRunner basic, AdvancedRunner advanced) {
        this.basic = basic;
        this.advanced = advanced;
    }

    /**
     * @param runKey identifies this function's run on this call (test runs get a fresh one), the prefix of a basic
     *               function's {@code Idempotency-Key}
     */
    FunctionOutcome run(long outletId, String runKey, FunctionDefinition function, ObjectNode context) {
        long start = System.nanoTime();
        try {
            return function.advanced() ? advanced.run(function.code(), context)
                    : basic.run(outletId, runKey, function.name(), function.basic(), context);
        } catch (RuntimeException e) {
            // A function must never take the pipeline down with it: record it failed and go on.
            return FunctionOutcome.failed(context, (System.nanoTime() - start) / 1_000_000,
                    "internal error running the function: " + e.getMessage());
        }
    }
}
