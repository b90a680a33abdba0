package dev.aftercall.server.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One run of one function, whatever its mode.
 *
 * @param status   {@value #SUCCEEDED}, {@value #FAILED}, or {@value #SKIPPED} (a basic function's condition did
 *                 not match; nothing ran)
 * @param context  the context after the run (the input when nothing ran)
 * @param requests outbound requests with their answers, credentials masked
 * @param warnings what the run did that was ignored or repaired (read-only writes, extra log fields, ...)
 * @param error    why it failed or was skipped; null when it succeeded
 */
record FunctionOutcome(String status, ObjectNode context, List<String> console, List<JsonNode> requests,
                       List<String> warnings, long durationMs, String error) {
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    static final String SKIPPED = "skipped";

    FunctionOutcome {
        console = List.copyOf(console);
        requests = List.copyOf(requests);
        warnings = List.copyOf(warnings);
    }

    static FunctionOutcome skipped(ObjectNode context, long durationMs, String reason) {
        return new FunctionOutcome(SKIPPED, context, List.of(), List.of(), List.of(), durationMs, reason);
    }

    static FunctionOutcome failed(ObjectNode context, long durationMs, String reason) {
        return new FunctionOutcome(FAILED, context, List.of(), List.of(), List.of(), durationMs, reason);
    }
}
