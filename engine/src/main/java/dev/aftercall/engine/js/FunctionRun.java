package dev.aftercall.engine.js;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The outcome of one run of an advanced function.
 *
 * @param context         the context after the run: the input with the mutable fields (post_call, post_call_detail,
 *                        functions_called, conversion_status, disposition_reason, next_call_scheduled) as the
 *                        function left them, also when it failed; read-only fields are always the input's. A run
 *                        stopped by a limit leaves the input unchanged, since its context is gone.
 * @param functionsCalled the context's functions_called after the 5-field schema check
 * @param console         console output, one line per call, {@code [warn]}/{@code [error]}/{@code [info]} prefixed
 * @param requests        outbound requests in the order they were answered
 * @param warnings        things the function did that were ignored or repaired (read-only writes, extra fields)
 * @param durationMs      wall time of the run, from the call of {@code run} to its answer
 * @param error           why the function failed, {@code null} when its promise resolved
 */
public record FunctionRun(ObjectNode context, ArrayNode functionsCalled, List<String> console,
                          List<RequestLog> requests, List<String> warnings, long durationMs, String error) {
    public FunctionRun {
        console = List.copyOf(console);
        requests = List.copyOf(requests);
        warnings = List.copyOf(warnings);
    }

    public boolean succeeded() {
        return error == null;
    }
}
