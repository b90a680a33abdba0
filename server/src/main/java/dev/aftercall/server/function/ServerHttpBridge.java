package dev.aftercall.server.function;

import dev.aftercall.engine.http.HttpPort;
import dev.aftercall.engine.http.OutboundRequest;
import dev.aftercall.engine.http.OutboundResponse;
import dev.aftercall.engine.js.HttpBridge;
import dev.aftercall.engine.js.JsHttpRequest;
import dev.aftercall.engine.js.JsHttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A function's {@code axios} requests through the server's outbound {@link HttpPort}: the same guard (private
 * addresses refused outside dev and test, every redirect checked), response size cap and connection pool as the
 * flows' API Request nodes. Asynchronous, as the sandbox requires.
 */
final class ServerHttpBridge implements HttpBridge {
    private final HttpPort http;

    ServerHttpBridge(HttpPort http) {
        this.http = http;
    }

    @Override
    public CompletionStage<JsHttpResponse> request(JsHttpRequest request) {
        URI uri;
        try {
            uri = URI.create(request.url());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("invalid URL: " + request.url()));
        }
        List<Map.Entry<String, String>> headers = List.copyOf(request.headers().entrySet());
        byte[] body = request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
        OutboundRequest outbound = new OutboundRequest(request.method(), uri, headers, body, request.timeoutMs(), null);
        return http.send(outbound).thenApply(ServerHttpBridge::answer);
    }

    /** One value per header as axios shows them; repeated headers are joined with ", ". */
    private static JsHttpResponse answer(OutboundResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : response.headers()) {
            headers.merge(header.getKey(), header.getValue(), (a, b) -> a + ", " + b);
        }
        return new JsHttpResponse(response.status(), headers, new String(response.body(), StandardCharsets.UTF_8));
    }
}
