package dev.aftercall.engine.js;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * Measures, does not test: prints what a run of seed 000's calculateNDOA costs. Run it on a quiet machine with
 * {@code ./mvnw -q -pl engine test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.aftercall.engine.js.WarmRunBenchmark} or from an IDE.
 *
 * <ul>
 *   <li>cold start: a new sandbox (engine, parser, first context) up to the first answer;</li>
 *   <li>context warm-up: making one context with the libraries loaded, as the pool does in the background;</li>
 *   <li>warm run: {@code run()} when a warm context is waiting, 200 runs after 50 of warm-up. Each run waits for
 *       the pool to be full again first, so this is the latency of a run, not the sandbox's throughput;</li>
 *   <li>run without a pool: what a run costs when it has to make its context itself.</li>
 * </ul>
 */
public final class WarmRunBenchmark {
    private static final int WARM_UP = 50;
    private static final int RUNS = 200;

    public static void main(String[] args) throws Exception {
        String code = Fixtures.example("calculateNDOA");
        ObjectNode context = (ObjectNode) new ObjectMapper().readTree("""
                {"call_metadata": {"lead_id": "L-1"}, "post_call": {"confirmation": false}, "post_call_detail": {},
                 "functions_called": [], "call_duration": 42, "hangup_reason": "USER_HANGUP", "agent": "agent-1",
                 "userId": "user-1", "name": "Asha"}""");

        long coldStart = System.nanoTime();
        try (JsSandbox sandbox = new JsSandbox()) {
            FunctionRun first = sandbox.run(code, context, null);
            System.out.printf("cold start (new sandbox to first answer): %.1f ms (%s)%n", ms(System.nanoTime() - coldStart),
                    first.error() == null ? "ok" : first.error());
            for (int i = 0; i < WARM_UP; i++) {
                sandbox.awaitWarm(5_000);
                check(sandbox.run(code, context, null));
            }
            double[] warm = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                sandbox.awaitWarm(5_000);
                long t = System.nanoTime();
                check(sandbox.run(code, context, null));
                warm[i] = ms(System.nanoTime() - t);
            }
            print("warm run of calculateNDOA", warm);
            sandbox.awaitWarm(5_000); // the pool idle, so that warming is measured alone
            try (ContextFactory factory = new ContextFactory()) {
                factory.create(Limits.DEFAULT.statementLimit()).close();
                double[] warmUps = new double[30];
                for (int i = 0; i < warmUps.length; i++) {
                    long t = System.nanoTime();
                    factory.create(Limits.DEFAULT.statementLimit()).close();
                    warmUps[i] = ms(System.nanoTime() - t);
                }
                print("context warm-up (libraries loaded, done in the background)", warmUps);
            }
        }
        try (JsSandbox unpooled = new JsSandbox(0, Limits.DEFAULT)) {
            double[] cold = new double[30];
            for (int i = 0; i < cold.length; i++) {
                long t = System.nanoTime();
                check(unpooled.run(code, context, null));
                cold[i] = ms(System.nanoTime() - t);
            }
            print("run without a pool (makes its own context)", cold);
        }
    }

    private static void check(FunctionRun run) {
        if (run.error() != null) {
            throw new IllegalStateException(run.error());
        }
    }

    private static void print(String what, double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: median %.2f ms, p90 %.2f ms, min %.2f ms, max %.2f ms (n=%d)%n", what,
                sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)], sorted[0], sorted[sorted.length - 1],
                sorted.length);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
