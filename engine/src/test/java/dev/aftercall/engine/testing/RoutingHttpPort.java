package dev.aftercall.engine.testing;

import dev.aftercall.engine.http.HttpPort;
import dev.aftercall.engine.http.JdkHttpPort;
import dev.aftercall.engine.http.OutboundRequest;
import dev.aftercall.engine.http.OutboundResponse;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sends every request to a {@link StubTarget}, whatever host its URL names. Example flows keep realistic URLs
 * ({@code https://helpdesk.example.com/api/tickets}) and the request still travels over real HTTP to the local
 * stub. Only scheme, host and port change: path and query stay byte for byte as the engine encoded them, and
 * method, headers, body and timeout are passed through untouched.
 */
public final class RoutingHttpPort implements HttpPort {
    private final HttpPort delegate;
    private final String baseUrl;
    private final List<URI> originals = new CopyOnWriteArrayList<>();

    /** Over a fresh {@link JdkHttpPort}; prefer sharing one delegate when creating many of these. */
    public RoutingHttpPort(StubTarget target) {
        this(new JdkHttpPort(), target);
    }

    public RoutingHttpPort(HttpPort delegate, StubTarget target) {
        this.delegate = delegate;
        this.baseUrl = target.baseUrl();
    }

    @Override
    public CompletionStage<OutboundResponse> send(OutboundRequest request) {
        URI original = request.uri();
        originals.add(original);
        String path = original.getRawPath() == null || original.getRawPath().isEmpty() ? "/" : original.getRawPath();
        String query = original.getRawQuery() == null ? "" : "?" + original.getRawQuery();
        OutboundRequest routed = new OutboundRequest(request.method(), URI.create(baseUrl + path + query),
                request.headers(), request.body(), request.timeoutMs(), request.clientCertificate());
        return delegate.send(routed);
    }

    /** The URLs the engine asked for, before rewriting, in the order sent (retries included). */
    public List<URI> originalUris() {
        return List.copyOf(originals);
    }
}
