package dev.aftercall.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a node did: continue on a port with variable updates, or fail the run. Either way it carries the
 * {@link Trace} pieces that end up in the run's {@link Step}.
 */
public sealed interface NodeOutcome {

    Trace trace();

    record Next(String port, ObjectNode updates, Trace trace) implements NodeOutcome {
    }

    record Failed(String reason, Trace trace) implements NodeOutcome {
    }

    /**
     * The request as sent (redacted), the response (capped), attempts, warnings, and the error behind an
     * {@code error} port; null where not relevant.
     */
    record Trace(JsonNode request, JsonNode response, Integer attempts, List<String> warnings, String error) {
        public static final Trace EMPTY = new Trace(null, null, null, List.of(), null);

        public static Trace warnings(List<String> warnings) {
            return new Trace(null, null, null, warnings, null);
        }
    }
}
