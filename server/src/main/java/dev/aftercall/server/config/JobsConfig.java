package dev.aftercall.server.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** Settings of the durable job queue ({@code aftercall.jobs.*}); defaults live in application.properties. */
@ConfigMapping(prefix = "aftercall.jobs")
public interface JobsConfig {
    /** Most jobs one process runs at the same time (its job slots). */
    int concurrency();

    /**
     * Threads that run the jobs' work ({@link dev.aftercall.server.job.JobThreads}); a thread waiting on a remote
     * party (a language model, a function's request) gets a stand-in for the wait, up to {@link #concurrency()} more.
     */
    int threads();

    /**
     * How long a call posted while every slot of this process is busy (or the queue holds due jobs) waits for a
     * slot before it is stored queued. Waiting holds the answer back: under more load than the workers finish, the
     * platforms' posts slow to the rate calls complete instead of piling up in the queue, so a call is processed
     * within about one pipeline's time of its answer. Zero queues at once.
     */
    Duration intakeWait();

    /** Most jobs taken in one claim query. */
    int batchSize();

    /** How often an idle worker looks for due jobs; new calls wake it at once. */
    Duration pollInterval();

    /** How long a claim is valid without a heartbeat; a crashed worker's jobs are re-claimed after this. */
    Duration lease();

    /** Runs of one job before it (and its call) is marked failed. */
    int maxAttempts();

    /** Delay before the first retry; doubles with every further attempt. */
    Duration backoff();

    /** Upper bound of the retry delay. */
    Duration maxBackoff();

    /** How often expired leases are swept back into the queue and the queue depth gauge is refreshed. */
    Duration housekeepingInterval();

    /**
     * Most queued jobs the housekeeping counts for the queue depth gauge and the readiness data; a deeper queue
     * reads as this number. Counting is proportional to the count, so this bounds its cost on a large backlog.
     */
    long queueDepthCap();
}
