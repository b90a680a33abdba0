package dev.aftercall.engine.js;

import java.util.concurrent.CompletionStage;

/**
 * How a function's {@code axios} calls leave the sandbox: the server implements it over its HTTP client (with its
 * outbound rules: blocked private ranges, response size cap, redirects), tests over {@code java.net.http}.
 *
 * <p>Contract: never block the calling thread (it is the function's single JavaScript thread); complete with any
 * HTTP status as a normal response, and exceptionally on transport failures, whose message becomes the axios
 * error's {@code message} ({@link java.net.ConnectException} gives code {@code ECONNREFUSED},
 * {@link java.net.http.HttpTimeoutException} and {@link java.util.concurrent.TimeoutException} give
 * {@code ECONNABORTED}). The sandbox enforces {@link JsHttpRequest#timeoutMs()} as well, so a bridge that ignores
 * it only wastes a connection.
 */
public interface HttpBridge {
    CompletionStage<JsHttpResponse> request(JsHttpRequest request);
}
