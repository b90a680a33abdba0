package dev.aftercall.engine.js;

import java.util.Map;

/** The answer to a {@link JsHttpRequest}: status, headers (one value each; names in any case) and the body text. */
public record JsHttpResponse(int status, Map<String, String> headers, String body) {
    public JsHttpResponse {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }
}
