package dev.aftercall.engine.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link HttpPort} over the JDK's {@link HttpClient}: for tests, tools and benchmarks of the engine alone. It does
 * not support client certificates (the server's Vert.x adapter does) and refuses such requests.
 */
public final class JdkHttpPort implements HttpPort {
    /** Headers the JDK client sets itself and refuses to take from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;

    public JdkHttpPort() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    public JdkHttpPort(HttpClient client) {
        this.client = client;
    }

    @Override
    public CompletionStage<OutboundResponse> send(OutboundRequest request) {
        try {
            return sendAsync(request);
        } catch (RuntimeException e) {
            // HttpRequest.Builder rejects some URIs and headers eagerly; the contract is a failed stage.
            return CompletableFuture.failedFuture(new IOException(e.getMessage(), e));
        }
    }

    private CompletionStage<OutboundResponse> sendAsync(OutboundRequest request) {
        if (request.clientCertificate() != null) {
            return CompletableFuture.failedFuture(new IOException("client certificates need the server's HTTP client"));
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(Duration.ofMillis(request.timeoutMs()))
                .method(request.method(), request.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (Map.Entry<String, String> h : request.headers()) {
            if (!RESTRICTED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                builder.header(h.getKey(), h.getValue());
            }
        }
        return client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            response.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
            return new OutboundResponse(response.statusCode(), headers, response.body());
        });
    }
}
