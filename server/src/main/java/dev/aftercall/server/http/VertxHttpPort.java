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
 * response; bodies are capped at {@code aftercall.outbound.max-response-bytes}.
 */
@Singleton
public class VertxHttpPort implements HttpPort {
    static final long DEFAULT_TIMEOUT_MS = 10_000;

    private final Vertx vertx;
    private final long maxResponseBytes;
    private final WebClient client;
    private final CertificateClients certificateClients;

    @Inject
    public VertxHttpPort(Vertx vertx,
                         @ConfigProperty(name = "aftercall.outbound.max-response-bytes", defaultValue = "1048576")
                         long maxResponseBytes,
                         @ConfigProperty(name = "aftercall.outbound.max-connections-per-host", defaultValue = "50")
                         int maxConnectionsPerHost) {
        this.vertx = vertx;
        this.maxResponseBytes = maxResponseBytes;
        WebClientOptions options = new WebClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(maxConnectionsPerHost)
                .setTryUseCompression(true)
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
