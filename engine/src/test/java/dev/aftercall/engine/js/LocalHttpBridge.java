package dev.aftercall.engine.js;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * An {@link HttpBridge} over {@code java.net.http} that sends every request to a {@link LocalTarget}, whatever
 * host the URL names: the seed's examples call {@code https://api.example.com}, and this plays the part of the
 * server's HTTP client resolving it. Path and query are kept.
 */
final class LocalHttpBridge implements HttpBridge {
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;

    LocalHttpBridge(LocalTarget target) {
        this.port = target.port();
    }

    /** A bridge to a port nobody listens on. */
    static LocalHttpBridge refusing() {
        return new LocalHttpBridge(1);
    }

    /** A bridge to any local server, such as the golden tests' {@code testing.StubTarget}. */
    static LocalHttpBridge toPort(int port) {
        return new LocalHttpBridge(port);
    }

    private LocalHttpBridge(int port) {
        this.port = port;
    }

    @Override
    public CompletionStage<JsHttpResponse> request(JsHttpRequest request) {
        URI original = URI.create(request.url());
        URI local = URI.create("http://127.0.0.1:" + port + original.getRawPath()
                + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery()));
        HttpRequest.Builder builder = HttpRequest.newBuilder(local)
                .timeout(Duration.ofMillis(request.timeoutMs()))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        return CLIENT.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
            return new JsHttpResponse(response.statusCode(), headers, response.body());
        });
    }
}
