package dev.aftercall.server.job;

import dev.aftercall.server.config.JobsConfig;
import dev.aftercall.server.pipeline.CallWork;
import dev.aftercall.server.pipeline.Pipeline;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs queued jobs in this process. One claimer thread takes due jobs from {@link JobQueue} in batches, never more
 * than there are free slots ({@code aftercall.jobs.concurrency}), so a claimed job starts at once instead of
 * waiting in memory while its lease runs. Each job runs the {@link Pipeline} on a worker pool; its outcome is
 * written back under the lease. A timer thread keeps the leases of running jobs alive and sweeps expired ones
 * (jobs of a process that died) back into the queue.
 */
@ApplicationScoped
public class JobWorker {
    private static final Logger LOG = Logger.getLogger(JobWorker.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    /** Identifies this process's leases; a restarted process is a new owner and re-claims like anyone else. */
    private final String owner = "worker-" + UUID.randomUUID();
    private final JobQueue queue;
    private final Pipeline pipeline;
    private final JobsConfig config;
    private final MeterRegistry metrics;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicLong queueDepth = new AtomicLong();
    private final Backoff backoff;

    private volatile boolean running;
    private Semaphore slots;
    private ExecutorService pool;
    private ScheduledExecutorService timers;
    private Thread claimer;
    private Timer processing;

    public JobWorker(JobQueue queue, Pipeline pipeline, JobsConfig config, MeterRegistry metrics) {
        this.queue = queue;
        this.pipeline = pipeline;
        this.config = config;
        this.metrics = metrics;
        this.backoff = new Backoff(config.backoff(), config.maxBackoff());
    }

    void start(@Observes StartupEvent event) {
        slots = new Semaphore(config.concurrency());
        pool = Executors.newFixedThreadPool(config.concurrency(), named("aftercall-job-"));
        timers = Executors.newSingleThreadScheduledExecutor(named("aftercall-job-timer-"));
        processing = Timer.builder("aftercall.call.processing")
                .description("Time from a call's job starting to the call completing")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(metrics);
        Gauge.builder("aftercall.queue.depth", queueDepth, AtomicLong::get)
                .description("Jobs waiting to be claimed")
                .register(metrics);

        long heartbeatMillis = config.lease().toMillis() / 3;
        timers.scheduleWithFixedDelay(this::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        long housekeepingMillis = config.housekeepingInterval().toMillis();
        timers.scheduleWithFixedDelay(this::housekeeping, 0, housekeepingMillis, TimeUnit.MILLISECONDS);

        running = true;
        claimer = named("aftercall-job-claimer").newThread(this::claimLoop);
        claimer.start();
        LOG.infof("job worker %s started: %d slots, stages %s", owner, config.concurrency(), pipeline.stageNames());
    }

    /** Lets the jobs in flight finish for a while, then hands back the leases of those that did not. */
    void stop(@Observes ShutdownEvent event) {
        if (!running) {
            return;
        }
        running = false;
        wake();
        try {
            claimer.join(SHUTDOWN_GRACE.toMillis());
            if (!slots.tryAcquire(config.concurrency(), SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("shutting down with jobs still running; they go back to the queue");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        pool.shutdownNow();
        try {
            queue.release(owner);
        } catch (RuntimeException e) {
            LOG.warnf("could not hand back leases at shutdown (%s); they expire after %s", e, config.lease());
        }
    }

    /** New jobs were committed: claim now rather than at the next poll. */
    void onEnqueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobsEnqueued event) {
        wake();
    }

    public boolean isRunning() {
        return running && claimer != null && claimer.isAlive();
    }

    public int jobsInFlight() {
        return config.concurrency() - slots.availablePermits();
    }

    public long queueDepth() {
        return queueDepth.get();
    }

    private void wake() {
        wakeups.release();
    }

    private void claimLoop() {
        while (running) {
            try {
                int wanted = Math.min(slots.availablePermits(), config.batchSize());
                int claimed = wanted == 0 ? 0 : claimAndRun(wanted);
                // A full batch means more may be due: claim again at once. Otherwise sleep until woken or polled.
                if (claimed < wanted || wanted == 0) {
                    awaitWork();
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "claiming jobs failed; trying again in %s", config.pollInterval());
                awaitWork();
            }
        }
    }

    private int claimAndRun(int wanted) {
        List<ClaimedJob> jobs = queue.claim(wanted, owner, config.lease());
        for (ClaimedJob job : jobs) {
            slots.acquireUninterruptibly(); // never blocks: only this thread takes slots, and it asked for free ones
            pool.execute(() -> run(job));
        }
        return jobs.size();
    }

    private void awaitWork() {
        try {
            wakeups.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            wakeups.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void run(ClaimedJob job) {
        long started = System.nanoTime();
        try {
            if (job.attempt() > config.maxAttempts()) {
                // Only a job whose runs never finished gets here: each one died with its worker.
                finish(job, new IllegalStateException("no run finished in " + config.maxAttempts() + " attempts"),
                        started);
                return;
            }
            if (!JobEntity.PROCESS_CALL.equals(job.kind())) {
                finish(job, new IllegalStateException("unknown job kind " + job.kind()), started);
                return;
            }
            CallWork work = queue.start(job);
            pipeline.run(work, pool).whenCompleteAsync((ignored, error) -> finish(job, error, started), pool);
        } catch (RuntimeException e) {
            finish(job, e, started);
        }
    }

    private void finish(ClaimedJob job, Throwable error, long startedNanos) {
        try {
            if (error == null) {
                if (queue.complete(job, owner)) {
                    processing.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
                    count("done");
                }
                return;
            }
            String reason = reason(error);
            JobQueue.Failure outcome = queue.fail(job, owner, reason, config.maxAttempts(), backoff.after(job.attempt()));
            LOG.warnf("job %d (call pk %d) attempt %d failed: %s -> %s",
                    job.pk(), job.callPk(), job.attempt(), reason, outcome);
            count(switch (outcome) {
                case RETRY_SCHEDULED -> "retry";
                case GAVE_UP -> "failed";
                case LEASE_LOST -> "lease_lost";
            });
        } catch (RuntimeException e) {
            // The outcome is lost, not the job: its lease expires and it runs again.
            LOG.errorf(e, "could not record the outcome of job %d", job.pk());
        } finally {
            slots.release();
            wake();
        }
    }

    private void heartbeat() {
        if (jobsInFlight() == 0) {
            return;
        }
        try {
            queue.heartbeat(owner, config.lease());
        } catch (RuntimeException e) {
            LOG.warnf(e, "lease heartbeat failed; retrying in %s", config.lease().dividedBy(3));
        }
    }

    private void housekeeping() {
        try {
            int requeued = queue.requeueExpired();
            if (requeued > 0) {
                LOG.warnf("requeued %d job(s) whose worker stopped renewing its lease", requeued);
                wake();
            }
            queueDepth.set(queue.queueDepth());
        } catch (RuntimeException e) {
            LOG.warnf(e, "job housekeeping failed");
        }
    }

    private void count(String status) {
        metrics.counter("aftercall.jobs.completed", "status", status).increment();
    }

    private static String reason(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix.endsWith("-") ? prefix + counter.incrementAndGet() : prefix);
            thread.setDaemon(true);
            return thread;
        };
    }
}
