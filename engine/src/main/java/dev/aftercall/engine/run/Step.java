package dev.aftercall.engine.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The trace of one node in a run: the request as sent (secrets redacted), the response (size-capped), the variables
 * it set, the port it took, how long it took, how many attempts, and the error if it failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Step(
        int index,
        String node,
        String type,
        String port,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("duration_ms") long durationMs,
        Integer attempts,
        JsonNode request,
        JsonNode response,
        JsonNode updates,
        List<String> warnings,
        String error) {

    public Step {
        warnings = warnings == null || warnings.isEmpty() ? null : List.copyOf(warnings);
    }
}
