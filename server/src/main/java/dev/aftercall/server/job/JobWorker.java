package dev.aftercall.server.job;

import dev.aftercall.server.config.JobsConfig;
import dev.aftercall.server.pipeline.Pipeline;
import dev.aftercall.server.tx.GroupCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs queued jobs in this process. One claimer thread takes due jobs from {@link JobQueue} in batches, never more
 * than there are free slots ({@code aftercall.jobs.concurrency}), so a claimed job starts at once instead of
 * waiting in memory while its lease runs. Each job runs on the {@link JobThreads} through the {@link JobHandler} of
 * its kind ({@code process_call} runs the {@link Pipeline}); its outcome is written back under the lease. A timer
 * thread keeps the leases of running jobs alive and sweeps expired ones (jobs of a process that died) back into the
 * queue.
 *
 * <p>A job need not come through the queue: while no due job waits ({@link DrainedQueue}) and a slot is free,
 * intake {@linkplain #reserve reserves} the slot, stores the new call already running under this process's lease,
 * kept on the call row itself ({@link CallRowLeases}: no job row), and hands it over here, saving the claim's reads
 * and writes and a job row's insert and delete. Once a job has to wait, new ones queue behind it until the claimer
 * has caught up.
 *
 * <p>When no slot is free, a new call waits for one ({@link #admit}) for up to {@code aftercall.jobs.intake-wait}
 * before it is queued: admission control. Under more load than the workers finish, intake then answers at the rate
 * calls complete, and the time from a call's answer to its processing stays about one pipeline's length instead of
 * growing with a queue.
 */
@ApplicationScoped
public class JobWorker {
    private static final Logger LOG = Logger.getLogger(JobWorker.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    /** Identifies this process's leases; a restarted process is a new owner and re-claims like anyone else. */
    private final String owner = "worker-" + UUID.randomUUID();
    private final JobQueue queue;
    private final Pipeline pipeline;
    private final Map<String, JobHandler> handlers;
    private final JobsConfig config;
    private final MeterRegistry metrics;
    private final Semaphore wakeups = new Semaphore(0);
    /** New calls waiting for a slot ({@link #admit}), oldest first; each completes once, with a slot or without. */
    private final Deque<CompletableFuture<Optional<Reservation>>> admissions = new ConcurrentLinkedDeque<>();
    private final AtomicLong queueDepth = new AtomicLong();
    private final DrainedQueue drained = new DrainedQueue();
    /** The jobs running here now: the heartbeat extends their leases and no others. */
    private final Set<ClaimedJob> inFlight = ConcurrentHashMap.newKeySet();
    private final Backoff backoff;
    private final GroupCommit commits;
    /** Records the runs that succeeded (one instance: the group commit writes those of a batch together). */
    private final GroupCommit.BatchWork<JobQueue.Done, String> completions = this::recordDone;

    private volatile boolean running;
    private Semaphore slots;
    private JobThreads pool;
    private ScheduledExecutorService timers;
    private Thread claimer;
    private Timer processing;
    private Counter handedOver;
    private Counter admittedAfterWait;
    private Counter queuedAfterWait;
    private DistributionSummary claimSizes;

    public JobWorker(JobQueue queue, Pipeline pipeline, @Any Instance<JobHandler> handlers, JobsConfig config,
                     MeterRegistry metrics, GroupCommit commits) {
        this.commits = commits;
        this.queue = queue;
        this.pipeline = pipeline;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
        this.config = config;
        this.metrics = metrics;
        this.backoff = new Backoff(config.backoff(), config.maxBackoff());
    }

    void start(@Observes StartupEvent event) {
        if (config.concurrency() == 0) {
            // A one-off command (AftercallMain) or a process meant only to take calls in.
            LOG.info("job worker off: aftercall.jobs.concurrency is 0");
            return;
        }
        slots = new Semaphore(config.concurrency());
        pool = new JobThreads("aftercall-job-", config.threads(), config.concurrency(), 5, TimeUnit.SECONDS);
        timers = Executors.newSingleThreadScheduledExecutor(named("aftercall-job-timer-"));
        processing = Timer.builder("aftercall.call.processing")
                .description("Time from a call's job starting to the call completing")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(metrics);
        handedOver = Counter.builder("aftercall.jobs.handed_over")
                .description("Jobs stored running and handed straight to this process's worker, not claimed")
                .register(metrics);
        admittedAfterWait = admissionCounter("slot");
        queuedAfterWait = admissionCounter("queued");
        claimSizes = DistributionSummary.builder("aftercall.jobs.claimed")
                .description("Jobs taken by one claim from the queue (claims that found none count as 0)")
                .register(metrics);
        Gauge.builder("aftercall.queue.depth", queueDepth, AtomicLong::get)
                .description("Jobs waiting to be claimed, counted up to aftercall.jobs.queue-depth-cap")
                .register(metrics);

        long heartbeatMillis = config.lease().toMillis() / 3;
        timers.scheduleWithFixedDelay(this::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        long housekeepingMillis = config.housekeepingInterval().toMillis();
        timers.scheduleWithFixedDelay(this::housekeeping, 0, housekeepingMillis, TimeUnit.MILLISECONDS);

        running = true;
        claimer = named("aftercall-job-claimer").newThread(this::claimLoop);
        claimer.start();
        LOG.infof("job worker %s started: %d slots, job kinds %s, stages %s", owner, config.concurrency(),
                handlers.keySet(), pipeline.stageNames());
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
        for (CompletableFuture<Optional<Reservation>> waiter; (waiter = admissions.pollFirst()) != null; ) {
            waiter.complete(Optional.empty());
        }
        pool.shutdownNow();
        try {
            queue.release(owner, List.copyOf(inFlight));
        } catch (RuntimeException e) {
            LOG.warnf("could not hand back leases at shutdown (%s); they expire after %s", e, config.lease());
        }
    }

    /** New jobs were committed: claim now rather than at the next poll. */
    void onEnqueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobsEnqueued event) {
        drained.jobsQueued();
        wake();
    }

    /**
     * Takes a slot for a job to be stored already running (see {@link Reservation}), if this process runs jobs, a
     * slot is free and no due job is known to wait in the queue (it would be overtaken). Empty otherwise: queue the
     * job.
     */
    public Optional<Reservation> reserve() {
        if (!mayReserve() || !slots.tryAcquire()) {
            return Optional.empty();
        }
        return Optional.of(new Reservation());
    }

    private boolean mayReserve() {
        return running && drained.isDrained(Instant.now());
    }

    /**
     * As {@link #reserve}, but when no slot may be taken now, waits for one up to {@code aftercall.jobs.intake-wait}
     * (first come, first served) and answers empty only then. Completes on a job or timer thread, never blocks the
     * caller.
     */
    public CompletionStage<Optional<Reservation>> admit() {
        Optional<Reservation> now = reserve();
        Duration wait = config.intakeWait();
        if (now.isPresent() || !running || wait.isZero()) {
            return CompletableFuture.completedFuture(now);
        }
        CompletableFuture<Optional<Reservation>> waiter = new CompletableFuture<>();
        admissions.addLast(waiter);
        try {
            timers.schedule(() -> {
                if (waiter.complete(Optional.empty())) {
                    admissions.remove(waiter);
                    queuedAfterWait.increment();
                }
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            waiter.complete(Optional.empty()); // shutting down
        }
        admitWaiting(); // a slot freed since the reserve() above
        return waiter;
    }

    /**
     * Hands the slots that may be taken to the calls waiting for one, oldest first. Called whenever a slot is freed
     * or the queue may have drained.
     */
    private void admitWaiting() {
        for (CompletableFuture<Optional<Reservation>> waiter; (waiter = admissions.pollFirst()) != null; ) {
            if (waiter.isDone()) {
                continue; // timed out
            }
            Optional<Reservation> slot = reserve();
            if (slot.isPresent()) {
                if (waiter.complete(slot)) {
                    admittedAfterWait.increment();
                } else {
                    slot.get().cancel();
                }
                continue;
            }
            admissions.offerFirst(waiter);
            // A slot freed after the reserve() above found no waiter to hand itself to: look again.
            if (!mayReserve() || slots.availablePermits() == 0) {
                return;
            }
        }
    }

    /**
     * A slot held for one job that its creator stores as running under {@link #owner()}'s {@link #lease()}
     * (a call leased on its row, {@code CallStore#insertAll}). Once that insert is committed, {@link #run} starts the
     * job; if it failed, {@link #cancel} frees the slot. Either happens once; later calls do nothing.
     */
    public final class Reservation {
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Reservation() {
        }

        public String owner() {
            return owner;
        }

        public Duration lease() {
            return config.lease();
        }

        /** Runs the committed job in the reserved slot; false when it could not start (shutting down). */
        public boolean run(ClaimedJob job) {
            if (!open.compareAndSet(true, false)) {
                return false;
            }
            try {
                pool.execute(() -> JobWorker.this.run(job));
                handedOver.increment();
                return true;
            } catch (RejectedExecutionException e) {
                // Shutting down: the job's lease is handed back with the others (stop()) or runs out.
                slots.release();
                return false;
            }
        }

        public void cancel() {
            if (open.compareAndSet(true, false)) {
                slots.release();
                wake();
                admitWaiting();
            }
        }
    }

    public boolean isRunning() {
        return running && claimer != null && claimer.isAlive();
    }

    /** Whether this process runs jobs at all: not when {@code aftercall.jobs.concurrency} is 0. */
    public boolean isEnabled() {
        return config.concurrency() > 0;
    }

    public int jobsInFlight() {
        return inFlight.size();
    }

    /** Queued jobs at the last housekeeping, up to {@link #queueDepthCap()}. */
    public long queueDepth() {
        return queueDepth.get();
    }

    public long queueDepthCap() {
        return config.queueDepthCap();
    }

    private void wake() {
        wakeups.release();
    }

    private void claimLoop() {
        while (running) {
            // Slots are taken before the claim, as intake may take free ones meanwhile (reserve()). While nothing
            // is known to wait, a poll looks with one slot and leaves the rest to intake; finding a job makes the
            // next claim take a full batch.
            int wanted = takeFreeSlots(drained.isDrained(Instant.now()) ? 1 : config.batchSize());
            int claimed = 0;
            if (wanted > 0) {
                try {
                    claimed = claimAndRun(wanted);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "claiming jobs failed; trying again in %s", config.pollInterval());
                }
            }
            admitWaiting(); // the claim may have found the queue drained, or left slots free
            // A full batch means more may be due: claim again at once. Otherwise sleep until woken or polled.
            if (claimed < wanted || wanted == 0) {
                awaitWork();
            }
        }
    }

    /** Takes up to {@code max} of the free slots without waiting; answers how many it took. */
    private int takeFreeSlots(int max) {
        int wanted;
        do {
            wanted = Math.min(max, slots.availablePermits());
        } while (wanted > 0 && !slots.tryAcquire(wanted));
        return wanted;
    }

    /** What one claim took, and when the earliest job it left queued is due (null: a full claim, or none left). */
    private record Claim(List<ClaimedJob> jobs, Instant nextDue) {
    }

    /**
     * Claims up to {@code wanted} jobs into the {@code wanted} slots taken for them and starts them; gives back the
     * slots it did not use, whatever happens. Answers how many started.
     */
    private int claimAndRun(int wanted) {
        int started = 0;
        try {
            long mark = drained.beforeClaim();
            Claim claim = QuarkusTransaction.requiringNew().call(() -> {
                List<ClaimedJob> claimed = queue.claim(wanted, owner, config.lease());
                claimed.stream().collect(Collectors.groupingBy(ClaimedJob::kind))
                        .forEach((kind, ofKind) -> handlers.getOrDefault(kind, UNKNOWN_KIND).claimed(ofKind));
                return new Claim(claimed, claimed.size() < wanted ? queue.nextRunAt() : null);
            });
            drained.claimed(mark, wanted, claim.jobs().size(), claim.nextDue());
            claimSizes.record(claim.jobs().size());
            for (ClaimedJob job : claim.jobs()) {
                pool.execute(() -> run(job));
                started++;
            }
            return started;
        } catch (RejectedExecutionException e) {
            // Shutting down: the leases of the jobs not started are handed back with the others (stop()).
            return started;
        } finally {
            slots.release(wanted - started);
        }
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
        inFlight.add(job);
        long started = System.nanoTime();
        JobHandler handler = handlers.getOrDefault(job.kind(), UNKNOWN_KIND);
        try {
            if (job.attempt() > handler.maxAttempts(config.maxAttempts())) {
                // Only a job whose runs never finished gets here: each one died with its worker.
                finish(job, handler, new IllegalStateException("no run finished in "
                        + handler.maxAttempts(config.maxAttempts()) + " attempts"), started);
                return;
            }
            handler.run(job, pool).whenCompleteAsync((ignored, error) -> finish(job, handler, error, started), pool);
        } catch (RuntimeException e) {
            finish(job, handler, e, started);
        }
    }

    /**
     * Writes the job's outcome under its lease, through the group commit (outcomes of jobs finishing together share
     * a transaction), then frees its slot.
     */
    private void finish(ClaimedJob job, JobHandler handler, Throwable error, long startedNanos) {
        (error == null ? commits.call(completions, new JobQueue.Done(job, handler))
                : commits.call(() -> recordFailure(job, handler, error)))
                .whenComplete((status, failure) -> {
                    handler.afterOutcome(job);
                    if (failure != null) {
                        // The outcome is lost, not the job: its lease expires and it runs again.
                        LOG.errorf(unwrap(failure), "could not record the outcome of job %d (call pk %d)", job.pk(),
                                job.callPk());
                    } else {
                        if ("done".equals(status) && handler instanceof ProcessCallJob) {
                            processing.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
                        }
                        count(job, status);
                    }
                    inFlight.remove(job);
                    slots.release();
                    admitWaiting();
                    // A free slot matters to the claimer only when jobs wait; otherwise intake takes it.
                    if (!drained.isDrained(Instant.now())) {
                        wake();
                    }
                });
    }

    /**
     * The database writes of runs that succeeded, recorded together (one statement each for all of them, see
     * {@link GroupCommit#call(GroupCommit.BatchWork, Object)}); answers each one's metric status ("lease_lost" where
     * the lease was lost, as for a failed run).
     */
    private List<String> recordDone(List<JobQueue.Done> done) {
        boolean[] finished = queue.completeAll(done, owner);
        List<String> statuses = new ArrayList<>(finished.length);
        for (int i = 0; i < finished.length; i++) {
            if (finished[i]) { // a run whose lease was lost leaves its writes to the process that took the job over
                done.get(i).handler().beforeOutcome(done.get(i).job());
            }
            statuses.add(finished[i] ? "done" : "lease_lost");
        }
        return statuses;
    }

    /** The database writes of a failed run; answers the metric status. */
    private String recordFailure(ClaimedJob job, JobHandler handler, Throwable error) {
        Throwable cause = unwrap(error);
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        Duration delay = cause instanceof JobHandler.RetryLater later ? later.delay() : backoff.after(job.attempt());
        JobQueue.Failure outcome = queue.fail(job, owner, reason, handler, handler.maxAttempts(config.maxAttempts()),
                delay);
        if (outcome != JobQueue.Failure.LEASE_LOST) {
            handler.beforeOutcome(job);
        }
        LOG.warnf("job %d (%s, call pk %d) attempt %d failed: %s -> %s",
                job.pk(), job.kind(), job.callPk(), job.attempt(), reason, outcome);
        return switch (outcome) {
            case RETRY_SCHEDULED -> "retry";
            case GAVE_UP -> "failed";
            case LEASE_LOST -> "lease_lost";
        };
    }

    private void heartbeat() {
        if (inFlight.isEmpty()) {
            return;
        }
        try {
            queue.extendLeases(owner, config.lease(), List.copyOf(inFlight));
        } catch (RuntimeException e) {
            LOG.warnf(e, "lease heartbeat failed; retrying in %s", config.lease().dividedBy(3));
        }
    }

    private void housekeeping() {
        try {
            int requeued = queue.requeueExpired();
            if (requeued > 0) {
                LOG.warnf("requeued %d job(s) whose worker stopped renewing its lease", requeued);
                drained.jobsQueued();
                wake();
            }
            queueDepth.set(queue.queueDepth(config.queueDepthCap()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "job housekeeping failed");
        }
    }

    private void count(ClaimedJob job, String status) {
        metrics.counter("aftercall.jobs.completed", "kind", job.kind(), "status", status).increment();
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** Stands in for the handler of a kind no bean handles (a newer process queued it): every run fails. */
    private static final JobHandler UNKNOWN_KIND = new JobHandler() {
        @Override
        public String kind() {
            return "unknown";
        }

        @Override
        public CompletionStage<Void> run(ClaimedJob job, java.util.concurrent.Executor workers) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("unknown job kind " + job.kind()));
        }
    };

    private Counter admissionCounter(String outcome) {
        return Counter.builder("aftercall.intake.waited")
                .description("New calls that waited for a job slot (aftercall.jobs.intake-wait), by what they got")
                .tag("outcome", outcome)
                .register(metrics);
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
