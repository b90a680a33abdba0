package dev.aftercall.engine.js;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The Java half of axios for one run: checks what the function asks for, hands it to the {@link HttpBridge},
 * enforces the timeout, and posts each outcome back to the run's event loop as axios expects it
 * ({@code {status, headers, body}} or {@code {error, code}}). Keeps the trace of every request.
 */
final class OutboundRequests {
    static final int MAX_REQUESTS = 100;
    static final int MAX_BODY_CHARS = ContextFactory.MAX_STRING_LENGTH / 2;
    private static final int LOGGED_BODY_CHARS = 64 * 1024;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Set<String> CREDENTIAL_HEADERS =
            Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpBridge bridge;
    private final Consumer<Runnable> post;
    private final LongSupplier remainingMs;
    private final List<RequestLog> logs = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private int made;

    private record Pending(JsHttpRequest request, long startNanos, CompletableFuture<JsHttpResponse> answer) {
    }

    OutboundRequests(HttpBridge bridge, Consumer<Runnable> post, LongSupplier remainingMs) {
        this.bridge = bridge;
        this.post = post;
        this.remainingMs = remainingMs;
    }

    int inFlight() {
        return pending.size();
    }

    /** Sends the request; returns why not when it is refused (axios rejects with that message). */
    String start(String requestJson, Consumer<String> deliver) {
        if (bridge == null) {
            return "no HTTP client is available to this run";
        }
        if (made >= MAX_REQUESTS) {
            return "too many requests: a run may make at most " + MAX_REQUESTS;
        }
        JsHttpRequest request;
        try {
            request = parse(requestJson);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return e.getMessage();
        }
        made++;
        CompletableFuture<JsHttpResponse> answer = new CompletableFuture<>();
        Pending entry = new Pending(request, System.nanoTime(), answer);
        pending.add(entry);
        try {
            bridge.request(request).whenComplete((response, error) -> {
                if (error != null) {
                    answer.completeExceptionally(error);
                } else {
                    answer.complete(response);
                }
            });
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        answer.orTimeout(request.timeoutMs(), TimeUnit.MILLISECONDS)
                .whenComplete((response, error) -> post.accept(() -> {
                    if (pending.remove(entry)) {
                        deliver.accept(outcome(entry, response, error));
                    }
                }));
        return null;
    }

    /** The trace, with requests still unanswered when the run ended recorded as such. */
    List<RequestLog> finish() {
        for (Pending entry : pending) {
            entry.answer().cancel(false);
            logs.add(log(entry, null, "the run ended before the answer arrived"));
        }
        pending.clear();
        return logs;
    }

    private JsHttpRequest parse(String requestJson) throws JsonProcessingException {
        JsonNode json = JSON.readTree(requestJson);
        String method = json.path("method").asText("GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unsupported HTTP method: " + method);
        }
        String url = json.path("url").asText("");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("only absolute http(s) URLs can be requested: " + url);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        json.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        String body = json.path("body").isTextual() ? json.path("body").asText() : null;
        long asked = json.path("timeoutMs").asLong(0);
        long timeout = asked > 0 ? Math.min(asked, remainingMs.getAsLong()) : remainingMs.getAsLong();
        return new JsHttpRequest(method, url, headers, body, timeout);
    }

    private String outcome(Pending entry, JsHttpResponse response, Throwable error) {
        ObjectNode outcome = JSON.createObjectNode();
        if (error == null && response != null && response.body().length() > MAX_BODY_CHARS) {
            error = new IllegalStateException("the response body is larger than " + MAX_BODY_CHARS + " characters");
        }
        if (error != null || response == null) {
            Throwable cause = unwrap(error);
            String message = message(entry.request(), cause);
            outcome.put("error", message).put("code", code(cause));
            logs.add(log(entry, null, message));
        } else {
            ObjectNode headers = outcome.putObject("headers");
            response.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
            outcome.put("status", response.status()).put("body", response.body());
            logs.add(log(entry, response, null));
        }
        return outcome.toString();
    }

    private static String message(JsHttpRequest request, Throwable cause) {
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            return "timeout of " + request.timeoutMs() + "ms exceeded";
        }
        if (cause == null) {
            return "the HTTP client gave no answer";
        }
        String text = cause.getMessage();
        return text == null || text.isBlank() ? cause.getClass().getSimpleName() : text;
    }

    private static String code(Throwable cause) {
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            return "ECONNABORTED";
        }
        return cause instanceof ConnectException ? "ECONNREFUSED" : "ERR_NETWORK";
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static RequestLog log(Pending entry, JsHttpResponse response, String error) {
        JsHttpRequest request = entry.request();
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - entry.startNanos());
        return new RequestLog(request.method(), request.url(), masked(request.headers()), truncated(request.body()),
                response == null ? null : response.status(), response == null ? null : masked(response.headers()),
                response == null ? null : truncated(response.body()), durationMs, error);
    }

    private static Map<String, String> masked(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) ->
                out.put(name, CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? "***" : value));
        return out;
    }

    private static String truncated(String body) {
        return body == null || body.length() <= LOGGED_BODY_CHARS ? body
                : body.substring(0, LOGGED_BODY_CHARS) + "…[" + (body.length() - LOGGED_BODY_CHARS) + " more characters]";
    }
}
