package dev.aftercall.engine.js;

import java.util.Map;

/**
 * One outbound request of a run, for the trace: what was sent and what came back. Credential headers
 * ({@code Authorization}, cookies, API keys) are masked. {@code status} and the response fields are {@code null}
 * when no answer arrived, and {@code error} then says why.
 */
public record RequestLog(String method, String url, Map<String, String> requestHeaders, String requestBody,
                         Integer status, Map<String, String> responseHeaders, String responseBody,
                         long durationMs, String error) {
}
