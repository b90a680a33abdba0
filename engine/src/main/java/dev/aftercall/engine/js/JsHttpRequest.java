package dev.aftercall.engine.js;

import java.util.Map;

/**
 * An HTTP request made by a function through {@code axios}: upper-case method, absolute http(s) URL with the query,
 * headers (one value each, as axios sends them), the body text ({@code null} when there is none) and the timeout.
 */
public record JsHttpRequest(String method, String url, Map<String, String> headers, String body, long timeoutMs) {
    public JsHttpRequest {
        headers = Map.copyOf(headers);
    }
}
