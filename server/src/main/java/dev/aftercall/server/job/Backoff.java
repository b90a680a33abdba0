package dev.aftercall.server.job;

import java.time.Duration;

/** Exponential retry delays: {@code base}, twice that, four times ... never more than {@code max}. */
public record Backoff(Duration base, Duration max) {

    /** The delay before the run that follows failed run number {@code attempt} (1 for the first run). */
    public Duration after(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        Duration delay = base.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
