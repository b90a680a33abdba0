package dev.aftercall.server.job;

/**
 * Fired in the transaction that queued new work. {@link JobWorker} observes it after a successful commit and claims
 * at once instead of waiting for its next poll.
 */
public record JobsEnqueued() {
}
