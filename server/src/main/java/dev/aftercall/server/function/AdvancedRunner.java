package dev.aftercall.server.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.http.HttpPort;
import dev.aftercall.engine.js.FunctionRun;
import dev.aftercall.engine.js.JsSandbox;
import dev.aftercall.engine.js.Limits;
import dev.aftercall.engine.js.RequestLog;
import dev.aftercall.server.json.Json;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs advanced functions on the engine's {@link JsSandbox}, with {@code axios} going out through the server's
 * {@link HttpPort}. The sandbox is built at startup on a thread of its own: a new sandbox needs a few seconds (GraalJS
 * engine, then interpreter warm-up) before its runs take milliseconds, and the service must not wait for that to
 * answer. A function run before it is ready waits for it; its background thread keeps fresh contexts warm from then on.
 *
 * <p>{@link #run} blocks for the whole run: call it from a worker thread.
 */
@Startup
@Singleton
public class AdvancedRunner {
    private final CompletableFuture<JsSandbox> sandbox;
    private final ServerHttpBridge http;

    public AdvancedRunner(HttpPort http,
                          @ConfigProperty(name = "aftercall.functions.wall-time", defaultValue = "30s") Duration wallTime,
                          @ConfigProperty(name = "aftercall.functions.max-statements", defaultValue = "50000000")
                          long maxStatements,
                          @ConfigProperty(name = "aftercall.functions.max-heap-bytes", defaultValue = "1073741824")
                          long maxHeapBytes,
                          @ConfigProperty(name = "aftercall.functions.warm-contexts", defaultValue = "4")
                          int warmContexts) {
        this.http = new ServerHttpBridge(http);
        Limits limits = new Limits(wallTime.toMillis(), maxStatements, maxHeapBytes);
        this.sandbox = new CompletableFuture<>();
        Thread builder = new Thread(() -> {
            try {
                sandbox.complete(new JsSandbox(warmContexts, limits));
            } catch (RuntimeException | Error e) {
                sandbox.completeExceptionally(e);
            }
        }, "aftercall-js-sandbox-start");
        builder.setDaemon(true);
        builder.start();
    }

    @PreDestroy
    void close() {
        sandbox.thenAccept(JsSandbox::close);
    }

    FunctionOutcome run(String code, ObjectNode context) {
        FunctionRun run = sandbox.join().run(code, context, http);
        return new FunctionOutcome(run.succeeded() ? FunctionOutcome.SUCCEEDED : FunctionOutcome.FAILED,
                run.context(), run.console(), run.requests().stream().map(AdvancedRunner::request).toList(),
                run.warnings(), run.durationMs(), run.error());
    }

    /** The trace shape every function request has (basic ones too): snake_case, credentials already masked. */
    static JsonNode request(RequestLog log) {
        ObjectNode out = Json.object();
        out.put("method", log.method());
        out.put("url", log.url());
        out.set("request_headers", headers(log.requestHeaders()));
        out.put("request_body", log.requestBody());
        if (log.status() == null) {
            out.putNull("status");
        } else {
            out.put("status", log.status());
        }
        out.set("response_headers", log.responseHeaders() == null ? null : headers(log.responseHeaders()));
        out.put("response_body", log.responseBody());
        out.put("duration_ms", log.durationMs());
        out.put("error", log.error());
        return out;
    }

    private static JsonNode headers(Map<String, String> headers) {
        return Json.tree(headers);
    }

    /** For tests and benchmarks that measure warm runs. */
    void awaitWarm(long timeoutMs) throws InterruptedException {
        sandbox.join().awaitWarm(timeoutMs);
    }
}
