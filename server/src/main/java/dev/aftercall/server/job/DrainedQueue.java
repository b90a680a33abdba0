package dev.aftercall.server.job;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether this process knows of no due job waiting in the queue: true once a claim took fewer jobs than it asked for
 * and nothing was queued since that claim began. {@link JobWorker#reserve} lets intake hand a new call straight to
 * the worker only then, so a new call never overtakes jobs that are already waiting.
 *
 * <p>Jobs queued by another process sharing the database are not heard of here; the claimer's poll takes them
 * whenever a slot is free, as before. Used by the claimer thread ({@link #beforeClaim}, {@link #claimed}) and read
 * by any thread.
 */
final class DrainedQueue {
    private final AtomicLong queued = new AtomicLong();
    /** The {@link #queued} count the last short claim began at; -1 until then (jobs may wait from an earlier run). */
    private volatile long drainedThrough = -1;

    /** Jobs were queued (committed) in this process, or expired leases put some back. */
    void jobsQueued() {
        queued.incrementAndGet();
    }

    /** Call before a claim; hand the answer to {@link #claimed}. */
    long beforeClaim() {
        return queued.get();
    }

    /** A claim that began at {@code mark} asked for {@code asked} jobs and got {@code got}. */
    void claimed(long mark, int asked, int got) {
        if (asked > 0 && got < asked) {
            drainedThrough = mark;
        }
    }

    boolean isDrained() {
        return drainedThrough == queued.get();
    }
}
