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
 * <p><b>Speed.</b> Measured on this project's 2-core build machine (JDK 17, GraalJS 25.0.4 in interpreter mode,
 * no JIT compilation of JavaScript): a new context on the shared engine takes about 1 ms, but loading lodash,
 * moment and moment-timezone with its full zone data into it takes 30–100 ms even with their sources parsed once
 * and cached by the shared engine (evaluation dominates, moment-timezone's data most of all). A run of seed 000's
 * calculateNDOA in a context that already holds the libraries takes about 2 ms. So contexts are warmed ahead of
 * need by a background thread ({@link ContextPool}) and each is used once: the warm-run median stays in single
 * milliseconds (WarmRunBenchmark in the tests prints it) while each run still starts from a fresh realm. The cost
 * moves to throughput: every run consumes one warm-up (tens of ms of CPU) in the background, and a run that finds
 * the pool empty pays it itself.
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
     * Runs the function once on a copy of {@code context} and waits for its promise.
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
