package dev.aftercall.server.support;

import dev.aftercall.server.pipeline.CallWork;
import dev.aftercall.server.pipeline.PipelineStage;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pipeline stage that exists only in tests. It fails on purpose for two test agents and does nothing for every
 * other call, so the other tests' calls are unaffected:
 * <ul>
 *   <li>{@value #COUNTED_AGENT}: every run succeeds; the test reads how many there were ({@link #runs});</li>
 *   <li>{@value #FLAKY_AGENT}: the first run of each call fails, the next succeeds;</li>
 *   <li>{@value #FAILING_AGENT}: every run fails until the test {@link #heal heals} the call;</li>
 *   <li>{@value #HELD_AGENT}, and every agent whose name starts with it: the run waits until the test
 *   {@link #release releases} the call.</li>
 * </ul>
 * For every other agent it is {@linkplain #idle idle}, as a stage with nothing configured is, so their calls take
 * the pipeline's path without a stage after flows.
 */
@ApplicationScoped
public class TestStage implements PipelineStage {
    public static final String COUNTED_AGENT = "counted-test-agent";
    public static final String FLAKY_AGENT = "flaky-test-agent";
    public static final String FAILING_AGENT = "failing-test-agent";
    public static final String HELD_AGENT = "held-test-agent";

    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final Set<String> healed = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Void>> held = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "test-stage";
    }

    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean idle(CallWork work) {
        return !COUNTED_AGENT.equals(work.agent()) && !FLAKY_AGENT.equals(work.agent())
                && !FAILING_AGENT.equals(work.agent()) && !held(work);
    }

    private static boolean held(CallWork work) {
        return work.agent() != null && work.agent().startsWith(HELD_AGENT);
    }

    @Override
    public CompletionStage<Void> run(CallWork work) {
        int run = runs.computeIfAbsent(work.callId(), id -> new AtomicInteger()).incrementAndGet();
        if (held(work)) {
            return hold(work.callId());
        }
        boolean fail = (FLAKY_AGENT.equals(work.agent()) && run == 1)
                || (FAILING_AGENT.equals(work.agent()) && !healed.contains(work.callId()));
        return fail
                ? CompletableFuture.failedFuture(new IllegalStateException("planned failure, run " + run))
                : CompletableFuture.completedFuture(null);
    }

    public int runs(String callId) {
        AtomicInteger count = runs.get(callId);
        return count == null ? 0 : count.get();
    }

    /** Lets a held call's run finish (or, called before it runs, lets it pass at once). */
    public void release(String callId) {
        hold(callId).complete(null);
    }

    private CompletableFuture<Void> hold(String callId) {
        return held.computeIfAbsent(callId, id -> new CompletableFuture<>());
    }

    public void heal(String callId) {
        healed.add(callId);
    }
}
