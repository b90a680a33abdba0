package dev.aftercall.server.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.http.HttpPort;
import dev.aftercall.engine.js.FunctionRun;
import dev.aftercall.engine.js.JsSandbox;
import dev.aftercall.engine.js.Limits;
import dev.aftercall.engine.js.RequestLog;
import dev.aftercall.server.job.JobThreads;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.tx.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs advanced functions on the engine's {@link JsSandbox}, with {@code axios} going out through the server's
 * {@link HttpPort}. A sandbox costs a few seconds of CPU to build (GraalJS engine, then interpreter warm-up) and
 * about 100 MB of memory with its warm contexts, so it is built only for a server that needs it: at startup when
 * the database holds an advanced function (checked on a thread of its own, so readiness does not wait), when one
 * is saved, or at the first run. {@code aftercall.functions.warm-at-startup} builds it at startup whatever the data.
 * A run before the sandbox is ready waits for it; its background thread keeps fresh contexts warm from then on.
 *
 * <p>{@link #run} blocks for the whole run: call it from a worker thread.
 */
@Singleton
public class AdvancedRunner {
    private static final Logger LOG = Logger.getLogger(AdvancedRunner.class);

    private final CompletableFuture<JsSandbox> sandbox = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    /** Done when the startup check has decided whether to build the sandbox. */
    private final CompletableFuture<Void> startupChecked = new CompletableFuture<>();
    private final ServerHttpBridge http;
    private final Sql sql;
    private final Limits limits;
    private final int warmContexts;
    private final boolean warmAtStartup;

    public AdvancedRunner(HttpPort http, Sql sql,
                          @ConfigProperty(name = "aftercall.functions.wall-time", defaultValue = "30s") Duration wallTime,
                          @ConfigProperty(name = "aftercall.functions.max-statements", defaultValue = "50000000")
                          long maxStatements,
                          @ConfigProperty(name = "aftercall.functions.max-heap-bytes", defaultValue = "1073741824")
                          long maxHeapBytes,
                          @ConfigProperty(name = "aftercall.functions.warm-contexts", defaultValue = "4")
                          int warmContexts,
                          @ConfigProperty(name = "aftercall.functions.warm-at-startup", defaultValue = "false")
                          boolean warmAtStartup) {
        this.http = new ServerHttpBridge(http);
        this.sql = sql;
        this.limits = new Limits(wallTime.toMillis(), maxStatements, maxHeapBytes);
        this.warmContexts = warmContexts;
        this.warmAtStartup = warmAtStartup;
    }

    void onStart(@Observes StartupEvent event) {
        Thread check = new Thread(() -> {
            try {
                if (warmAtStartup || QuarkusTransaction.requiringNew().call(this::anyAdvancedFunction)) {
                    prepare();
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not tell whether advanced functions exist; the sandbox starts at the first run");
            } finally {
                startupChecked.complete(null);
            }
        }, "aftercall-js-sandbox-check");
        check.setDaemon(true);
        check.start();
    }

    /**
     * Plain SQL, not a Panache count: the first query language statement of a process loads Hibernate's HQL parser
     * and translator (about 1,000 classes, 0.1-0.2 CPU s), and at startup that competed with the rest of startup
     * for the two cores of the bench machine (bench/STARTUP-RSS.md).
     */
    private boolean anyAdvancedFunction() {
        return !sql.query("select 1 from post_call_function where mode = ? limit 1",
                row -> true, FunctionDefinition.ADVANCED).isEmpty();
    }

    /** Starts building the sandbox on a thread of its own, unless that has begun already; returns at once. */
    void prepare() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
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
        prepare();
        FunctionRun run;
        try (JobThreads.Waiting ignored = JobThreads.waiting()) { // for the sandbox, and the function's own requests
            run = sandbox.join().run(code, context, http);
        }
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

    /**
     * Whether building the sandbox has begun (it may still be running), for tests of the lazy start. Answers after
     * the startup check has decided, so a {@code false} right after startup is not a check that has yet to run.
     */
    boolean sandboxStarted() {
        startupChecked.orTimeout(30, TimeUnit.SECONDS).join();
        return started.get();
    }

    /** For tests and benchmarks that measure warm runs. */
    void awaitWarm(long timeoutMs) throws InterruptedException {
        prepare();
        sandbox.join().awaitWarm(timeoutMs);
    }
}
