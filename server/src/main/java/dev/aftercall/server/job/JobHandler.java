package dev.aftercall.server.job;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Runs the jobs of one {@link #kind()}. Handlers are CDI beans; the {@link JobWorker} hands each claimed job to
 * the handler of its kind on a worker thread (which may block). A run that completes normally finishes the job;
 * one that fails is retried with the queue's backoff (or the delay of a {@link RetryLater}) until the handler's
 * attempts are used up.
 */
public interface JobHandler {
    String kind();

    /**
     * Runs one job. Called on a worker thread; continuations that block (database work after an HTTP answer)
     * belong on {@code workers}, never on the thread that completed a future (it may be an event loop).
     */
    CompletionStage<Void> run(ClaimedJob job, Executor workers);

    /**
     * Called in the claim's transaction with the jobs of this kind just claimed, before any of them runs: a handler
     * whose runs each begin with a write of their own (marking the call processing) makes it here for the whole
     * batch, one statement and no commit of its own per job. Nothing of it stands if the claim rolls back.
     */
    default void claimed(List<ClaimedJob> jobs) {
    }

    /** How many runs the job gets; {@code configured} is {@code aftercall.jobs.max-attempts}. */
    default int maxAttempts(int configured) {
        return configured;
    }

    /**
     * Called in the transaction that records a run's outcome, only while this process still held the lease, so
     * the handler's own rows change together with the job's. {@code error} is null when the job is done.
     */
    default void recorded(ClaimedJob job, JobOutcome outcome, String error) {
    }

    /**
     * Called in the transaction that records a run's outcome, whatever the outcome, once that transaction has found
     * the lease still held: the writes the run left to share it. A run whose lease was lost leaves them undone, as if
     * its process had died before committing them: the process that took the job over runs the call again (a flow
     * resumes from its last checkpoint and sends the same Idempotency-Keys), and its writes are the ones that stand.
     * On PostgreSQL that also keeps a flow run from being written for a call that retention deleted after another
     * process finished it (flow_run has no foreign key to call there, V16_2). Called again if that transaction rolls
     * back and is retried.
     */
    default void beforeOutcome(ClaimedJob job) {
    }

    /** Called once a run's outcome is recorded, or could not be: the handler may forget the run. */
    default void afterOutcome(ClaimedJob job) {
    }

    /** The outcome of one run as recorded. */
    enum JobOutcome { DONE, RETRY_SCHEDULED, GAVE_UP }

    /** Fail a run with this to retry after a delay of the handler's choosing (e.g. a target's Retry-After). */
    final class RetryLater extends RuntimeException {
        private final java.time.Duration delay;

        public RetryLater(String message, java.time.Duration delay) {
            super(message);
            this.delay = delay;
        }

        public java.time.Duration delay() {
            return delay;
        }
    }
}
