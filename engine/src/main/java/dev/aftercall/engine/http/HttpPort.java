package dev.aftercall.engine.http;

import java.util.concurrent.CompletionStage;

/**
 * The engine's only way out to the network. The server implements it over the Vert.x Web Client;
 * {@link JdkHttpPort} serves tests and tools. Implementations never block the calling thread and complete
 * exceptionally with {@link java.net.ConnectException}, {@link java.net.http.HttpTimeoutException} (or any
 * {@link java.io.IOException}) on transport failures; any HTTP status is a normal completion.
 */
public interface HttpPort {
    CompletionStage<OutboundResponse> send(OutboundRequest request);
}
