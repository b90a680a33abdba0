package dev.aftercall.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.auth.AuthProfiles;
import dev.aftercall.engine.http.HttpPort;
import dev.aftercall.engine.model.ApiRequestNode;
import dev.aftercall.engine.run.Delayer;
import dev.aftercall.engine.template.VariableLookup;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The editor's "Send" button: one attempt of an API Request node with sample variables, answered as Data (the
 * parsed body) and Meta (status, headers, duration, size), plus what the response mapping would set.
 */
public final class ApiRequestPreview {
    private ApiRequestPreview() {
    }

    public record Result(JsonNode data, int status, List<Map.Entry<String, String>> headers, long durationMs,
                         long sizeBytes, ObjectNode mapped, JsonNode request, List<String> warnings, String error) {
    }

    public static CompletionStage<Result> send(ApiRequestNode node, VariableLookup sampleVariables,
                                               AuthProfiles profiles, HttpPort http) {
        ApiRequestExecutor executor = new ApiRequestExecutor(http, Delayer.JDK, Clock.systemUTC());
        return executor.exchange(node, sampleVariables, profiles, "preview:" + node.id(), 1)
                .thenApply(exchange -> {
                    List<String> warnings = new ArrayList<>(exchange.render.warnings());
                    JsonNode body = exchange.body();
                    ObjectNode mapped = exchange.succeeded()
                            ? ResponseMapping.apply(node.responseMapping(), body, warnings) : null;
                    var response = exchange.response;
                    // A target may echo the credentials it was sent; the preview shows them masked, as traces do.
                    Redactor redactor = exchange.prepared == null ? new Redactor(List.of()) : exchange.prepared.redactor;
                    return new Result(redactor.json(body), response == null ? 0 : response.status(),
                            response == null ? List.of() : redactedHeaders(exchange),
                            exchange.lastAttemptMillis, response == null ? 0 : response.body().length,
                            redactor.json(mapped) instanceof ObjectNode masked ? masked : null,
                            exchange.prepared == null ? null : exchange.prepared.traced(), warnings,
                            exchange.error() == null ? null : redactor.text(exchange.error()));
                });
    }

    private static List<Map.Entry<String, String>> redactedHeaders(ApiRequestExecutor.Exchange exchange) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        exchange.response.headers().forEach(h ->
                out.add(Map.entry(h.getKey(), exchange.prepared.redactor.header(h.getKey(), h.getValue()))));
        return out;
    }
}
