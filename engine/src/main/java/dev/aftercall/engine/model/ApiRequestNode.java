package dev.aftercall.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls an external HTTP API. URL, query, headers and body are templates; {@code response_mapping} maps
 * variable names to JSONPaths read from the response body. Ports: {@code ok} and {@code error}.
 */
@JsonIgnoreProperties({"ui"})
public record ApiRequestNode(
        String id,
        String method,
        String url,
        Map<String, String> query,
        Map<String, String> headers,
        JsonNode body,
        @JsonProperty("auth_profile") String authProfile,
        @JsonProperty("timeout_ms") Long timeoutMs,
        RetryPolicy retry,
        @JsonProperty("response_mapping") Map<String, String> responseMapping,
        Boolean strict) implements Node {

    public static final String TYPE = "api_request";
    public static final String OK = "ok";
    public static final String ERROR = "error";
    public static final long DEFAULT_TIMEOUT_MS = 10_000;
    public static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");

    public ApiRequestNode {
        method = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
        query = query == null ? Map.of() : new LinkedHashMap<>(query);
        headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
        timeoutMs = timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        responseMapping = responseMapping == null ? Map.of() : new LinkedHashMap<>(responseMapping);
    }

    public boolean isStrict() {
        return Boolean.TRUE.equals(strict);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> ports() {
        return List.of(OK, ERROR);
    }

    @Override
    public boolean hasSideEffects() {
        return true;
    }
}
