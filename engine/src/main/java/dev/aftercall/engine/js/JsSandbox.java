package dev.aftercall.engine.js;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs advanced post-call functions (seed 000: {@code async function name(context) { ... }}) on GraalJS, with
 * {@code axios}, {@code moment} (with {@code moment.tz}), {@code _} and {@code console} pre-imported.
 *
 * <p><b>Isolation.</b> Every run gets a context of its own, made for it and closed after it: no global, prototype
 * or library state survives from one run to the next, and one outlet's run never sees another's data. The context
 * has no host access, IO, threads, processes or environment, and cannot generate code from strings (see
 * {@link ContextFactory}); runs are stopped by wall time, statement count and an allocation budget
 * ({@link Limits}).
 *
 * <p><b>Speed.</b> Measured with WarmRunBenchmark (in the tests) on this project's 2-core build machine, JDK 17,
 * GraalJS 25.0.4 in interpreter mode (no JIT compilation of JavaScript), machine load about 2: a bare context on
 * the shared engine costs about 1 ms, but loading lodash, moment and moment-timezone (full zone data) into it
 * costs about 30 ms median (p90 45-55 ms), even with their sources parsed once and cached by the engine:
 * evaluation dominates, not parsing. A run of seed 000's calculateNDOA in a context that already holds the
 * libraries costs 2.6-3.7 ms median (p90 5-8 ms); the same run making its own context, 27-31 ms median. Hence
 * the design: a background thread warms contexts ahead of need ({@link ContextPool}), runs the libraries' common
 * paths once in each (warmup.js) and each context serves exactly one run, so a run gets both a fresh realm and
 * single-digit milliseconds. The cost moves to throughput: every run consumes one warm-up (about 30 ms of CPU) in
 * the background, so one warming thread keeps up with roughly 30 runs a second; beyond that, runs that find the
 * pool empty make their context themselves. A new sandbox answers its first run after 3-4 s (JVM and interpreter
 * warm-up): create it when the server starts. A warm context retains about 0.6 MB of heap.
 *
 * <p>{@link #run} blocks the calling thread for the whole run (the function's JavaScript executes on it); call it
 * from a worker thread, never from an event loop. Instances are thread-safe; concurrent runs use separate contexts.
 */
public final class JsSandbox implements AutoCloseable {
    public static final int DEFAULT_WARM_CONTEXTS = 4;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ContextFactory factory;
    private final ContextPool pool;
    private final Watchdog watchdog = new Watchdog();
    private final Limits defaults;

    /** A sandbox with {@link Limits#DEFAULT} and {@value #DEFAULT_WARM_CONTEXTS} warm contexts. */
    public JsSandbox() {
        this(DEFAULT_WARM_CONTEXTS, Limits.DEFAULT);
    }

    /**
     * @param warmContexts contexts kept ready (0: every run makes its own, slow but lean)
     * @param defaults     limits of {@link #run(String, ObjectNode, HttpBridge)}; warm contexts are made with their
     *                     statement limit, so runs with another statement limit make their context themselves
     */
    public JsSandbox(int warmContexts, Limits defaults) {
        if (warmContexts < 0) {
            throw new IllegalArgumentException("warmContexts must not be negative");
        }
        this.defaults = defaults;
        this.factory = new ContextFactory();
        this.pool = new ContextPool(factory, warmContexts, defaults.statementLimit());
    }

    /** Runs with this sandbox's default limits. */
    public FunctionRun run(String code, ObjectNode context, HttpBridge http) {
        return run(code, context, http, defaults);
    }

    /**
     * Runs the function once on a copy of {@code context} and waits for its promise. Work the function does not
     * await is abandoned when the promise settles, as the context is discarded: an un-awaited axios request is
     * still sent but its answer goes nowhere, a pending timer never fires. Never throws for anything the code does.
     *
     * @param http where its axios requests go; {@code null}: every request is refused
     */
    public FunctionRun run(String code, ObjectNode context, HttpBridge http, Limits limits) {
        long start = System.nanoTime();
        Optional<String> name = FunctionCode.functionName(code);
        if (name.isEmpty()) {
            return failure(context, start, FunctionCode.check(code).stream().findFirst()
                    .map(p -> "line " + p.line() + ":" + p.column() + ": " + p.message())
                    .orElse("the code " + FunctionCode.SIGNATURE));
        }
        String input;
        try {
            input = JSON.writeValueAsString(context);
        } catch (JsonProcessingException e) {
            return failure(context, start, "the context is not JSON: " + e.getOriginalMessage());
        }
        WarmContext warm;
        try {
            warm = pool.acquire(limits.statementLimit());
        } catch (RuntimeException e) {
            return failure(context, start, "the JavaScript sandbox could not start: " + e.getMessage());
        }
        Execution.Result result;
        try {
            result = new Execution(warm, http, limits, watchdog).run(factory.userCode(code, name.get()), name.get(), input);
        } finally {
            pool.retire(warm);
        }
        List<String> warnings = new ArrayList<>(result.warnings());
        String error = result.error();
        ObjectNode after;
        try {
            after = ContextOutput.merge(JSON, context, result.contextJson(), warnings);
        } catch (IllegalArgumentException e) {
            after = ContextOutput.merge(JSON, context, null, warnings);
            error = error == null ? e.getMessage() : error;
        }
        return new FunctionRun(after, (ArrayNode) after.get("functions_called"), result.console(), result.requests(),
                warnings, elapsedMs(start), error);
    }

    /** Waits until the warm contexts are ready; for benchmarks and tests that measure or rely on warm runs. */
    public void awaitWarm(long timeoutMs) throws InterruptedException {
        pool.awaitFull(timeoutMs);
    }

    @Override
    public void close() {
        pool.close();
        watchdog.close();
        factory.close();
    }

    private static FunctionRun failure(ObjectNode context, long start, String error) {
        List<String> warnings = new ArrayList<>();
        ObjectNode after = ContextOutput.merge(JSON, context, null, warnings);
        return new FunctionRun(after, (ArrayNode) after.get("functions_called"), List.of(), List.of(), warnings,
                elapsedMs(start), error);
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
