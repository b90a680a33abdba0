package dev.aftercall.server.job;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether this process knows of no due job waiting in the queue: true once a claim took fewer jobs than it asked
 * for, nothing was queued here since that claim began, and the earliest job still queued then (a retry after its
 * backoff, a call held back, a follow-up due later) is not due yet. {@link JobWorker#reserve} lets intake hand a
 * new call straight to the worker only then, so a new call does not overtake a job that is waiting.
 *
 * <p>A job another process queues is not heard of here until this process's next claim (at the latest one poll
 * interval later) sees it. Written by the claimer thread ({@link #beforeClaim}, {@link #claimed}), read by any.
 */
final class DrainedQueue {
    private record Drained(long mark, Instant nextDue) {
    }

    private static final Drained UNKNOWN = new Drained(-1, Instant.MIN);

    private final AtomicLong queued = new AtomicLong();
    /** As of the last short claim; {@link #UNKNOWN} at start (jobs may wait from an earlier run) and after a full one. */
    private volatile Drained drained = UNKNOWN;

    /** Jobs were queued (committed) in this process, or expired leases put some back. */
    void jobsQueued() {
        queued.incrementAndGet();
    }

    /** Call before a claim; hand the answer to {@link #claimed}. */
    long beforeClaim() {
        return queued.get();
    }

    /**
     * A claim that began at {@code mark} asked for {@code asked} jobs and got {@code got}; when it got fewer, the
     * earliest job left queued is due at {@code nextDue} (null: none is queued).
     */
    void claimed(long mark, int asked, int got, Instant nextDue) {
        if (asked == 0) {
            return;
        }
        drained = got < asked ? new Drained(mark, nextDue == null ? Instant.MAX : nextDue) : UNKNOWN;
    }

    boolean isDrained(Instant now) {
        Drained last = drained;
        return last.mark() == queued.get() && now.isBefore(last.nextDue());
    }
}
