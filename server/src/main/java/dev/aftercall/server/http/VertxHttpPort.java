package dev.aftercall.server.http;

import dev.aftercall.engine.http.HttpPort;
import dev.aftercall.engine.http.OutboundRequest;
import dev.aftercall.engine.http.OutboundResponse;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The engine's {@link HttpPort} over the Vert.x Web Client of the server's own Vert.x instance: pooled keep-alive
 * connections, no thread held while waiting. Each request has one deadline covering connect, send and the whole
 * response; bodies are capped at {@code aftercall.outbound.max-response-bytes}. Every URL, the first and each
 * redirect's (followed here, up to {@value #MAX_REDIRECTS}, so that each hop is checked), passes the
 * {@link OutboundGuard} first.
 */
@Singleton
public class VertxHttpPort implements HttpPort {
    static final long DEFAULT_TIMEOUT_MS = 10_000;
    static final int MAX_REDIRECTS = 5;

    private final Vertx vertx;
    private final long maxResponseBytes;
    private final WebClient client;
    private final CertificateClients certificateClients;
    private final OutboundGuard guard;

    @Inject
    public VertxHttpPort(Vertx vertx, OutboundGuard guard,
                         @ConfigProperty(name = "aftercall.outbound.max-response-bytes", defaultValue = "1048576")
                         long maxResponseBytes,
                         @ConfigProperty(name = "aftercall.outbound.max-connections-per-host", defaultValue = "50")
                         int maxConnectionsPerHost) {
        this.vertx = vertx;
        this.guard = guard;
        this.maxResponseBytes = maxResponseBytes;
        WebClientOptions options = new WebClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(maxConnectionsPerHost)
                .setTryUseCompression(true)
                .setFollowRedirects(false)
                .setUserAgent("Aftercall");
        this.client = WebClient.create(vertx, options);
        this.certificateClients = new CertificateClients(vertx, options);
    }

    @PreDestroy
    void close() {
        client.close();
        certificateClients.closeAll();
    }

    @Override
    public CompletionStage<OutboundResponse> send(OutboundRequest outbound) {
        return send(outbound, 0);
    }

    private CompletionStage<OutboundResponse> send(OutboundRequest outbound, int redirects) {
        return guard.check(outbound.uri())
                .thenCompose(allowed -> exchange(outbound))
                .thenCompose(response -> {
                    OutboundRequest next = redirects < MAX_REDIRECTS ? redirect(outbound, response) : null;
                    return next == null ? CompletableFuture.completedFuture(response) : send(next, redirects + 1);
                });
    }

    /**
     * The request a 301/302/303/307/308 answer asks for, or null. 303 (and 301/302 after a POST, as browsers and
     * most clients do) becomes a GET without a body; 307/308 repeat the method and body.
     */
    static OutboundRequest redirect(OutboundRequest previous, OutboundResponse response) {
        int status = response.status();
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return null;
        }
        String location = response.header("Location").orElse(null);
        if (location == null || location.isBlank()) {
            return null;
        }
        java.net.URI target;
        try {
            target = previous.uri().resolve(location.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        boolean toGet = status == 303 || ((status == 301 || status == 302) && "POST".equals(previous.method()));
        // Credentials stay with the host they were meant for.
        boolean sameHost = target.getHost() != null && target.getHost().equalsIgnoreCase(previous.uri().getHost());
        List<Map.Entry<String, String>> headers = previous.headers().stream()
                .filter(h -> sameHost || !isCredential(h.getKey()))
                .filter(h -> !toGet || !h.getKey().equalsIgnoreCase("Content-Type"))
                .toList();
        return new OutboundRequest(toGet ? "GET" : previous.method(), target, headers,
                toGet ? new byte[0] : previous.body(), previous.timeoutMs(), previous.clientCertificate());
    }

    private static boolean isCredential(String header) {
        return header.equalsIgnoreCase("Authorization") || header.equalsIgnoreCase("Cookie")
                || header.equalsIgnoreCase("Proxy-Authorization");
    }

    private CompletionStage<OutboundResponse> exchange(OutboundRequest outbound) {
        long timeout = outbound.timeoutMs() > 0 ? outbound.timeoutMs() : DEFAULT_TIMEOUT_MS;
        CompletableFuture<OutboundResponse> result = new CompletableFuture<>();
        // The capped codec yields core Vert.x buffers, not Mutiny's wrapper: the request is typed accordingly.
        HttpRequest<Buffer> request;
        try {
            WebClient chosen = outbound.clientCertificate() == null
                    ? client : certificateClients.forCertificate(outbound.clientCertificate());
            request = chosen.requestAbs(HttpMethod.valueOf(outbound.method()), outbound.uri().toASCIIString())
                    .connectTimeout(timeout)
                    .idleTimeout(timeout)
                    .as(BodyCodec.<Buffer>newInstance(new CappedBodyCodec(maxResponseBytes)));
        } catch (RuntimeException e) {
            result.completeExceptionally(new IOException("cannot send request: " + e.getMessage(), e));
            return result;
        }
        for (Map.Entry<String, String> header : outbound.headers()) {
            request.headers().add(header.getKey(), header.getValue());
        }
        // The idle timeout alone would let a target that trickles bytes hold a run forever.
        long deadline = vertx.setTimer(timeout, id -> result.completeExceptionally(
                new HttpTimeoutException("no complete response within " + timeout + " ms")));
        var sending = outbound.body().length == 0 && !hasBody(outbound.method())
                ? request.send()
                : request.sendBuffer(io.vertx.mutiny.core.buffer.Buffer.buffer(outbound.body()));
        sending.subscribe().with(
                response -> {
                    vertx.cancelTimer(deadline);
                    try {
                        result.complete(toOutbound(response));
                    } catch (RuntimeException e) {
                        result.completeExceptionally(transportFailure(e, timeout));
                    }
                },
                failure -> {
                    vertx.cancelTimer(deadline);
                    result.completeExceptionally(transportFailure(failure, timeout));
                });
        return result;
    }

    private static boolean hasBody(String method) {
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    }

    private static OutboundResponse toOutbound(HttpResponse<Buffer> response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.headers().forEach(h -> headers.add(Map.entry(h.getKey(), h.getValue())));
        Buffer body = response.body();
        return new OutboundResponse(response.statusCode(), headers, body == null ? new byte[0] : body.getBytes());
    }

    /**
     * The engine retries by exception type, so Vert.x and Netty failures become the JDK's: a refused connection is
     * a {@link ConnectException}, any timeout an {@link HttpTimeoutException}, the rest an {@link IOException}.
     */
    static IOException transportFailure(Throwable failure, long timeoutMs) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ConnectTimeoutException || cause instanceof TimeoutException) {
            return new HttpTimeoutException("no response within " + timeoutMs + " ms");
        }
        if (cause instanceof ConnectException connect) {
            ConnectException copy = new ConnectException(connect.getMessage());
            copy.initCause(connect);
            return copy;
        }
        if (cause instanceof IOException io) {
            return io;
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new IOException(message, cause);
    }
}
