package dev.aftercall.server.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds or a deadline passes; the jobs under test run asynchronously. */
public final class Eventually {
    private static final Duration POLL = Duration.ofMillis(50);

    private Eventually() {
    }

    /** The first value of {@code probe} that satisfies {@code done}; fails with the last value after {@code within}. */
    public static <T> T await(Duration within, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + within.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + within + "; last value: " + last);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
            last = probe.get();
        }
        return last;
    }
}
