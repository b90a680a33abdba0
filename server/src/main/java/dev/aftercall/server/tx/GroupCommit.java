package dev.aftercall.server.tx;

import dev.aftercall.server.pipeline.Blocking;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Group commit: the small writes that every call makes (storing it, starting and finishing its flow runs,
 * completing its job) are gathered from all the threads that make them at the same moment and committed together,
 * one transaction for up to {@code aftercall.group-commit.max-batch} of them. Each caller still gets its own result
 * only once its write is committed, so nothing is acknowledged that a crash could lose; under load the database
 * sees one commit where it saw dozens.
 *
 * <p>A unit of work must be a self-contained transaction body: it runs inside the batch's transaction (methods it
 * calls with {@code @Transactional} join it), and its changes are flushed before the next unit runs. If any unit
 * fails, the whole batch is rolled back and every unit runs again alone in a transaction of its own, so one bad
 * unit (a duplicate call id, say) neither fails nor loses the others. Units therefore must not have effects outside
 * the database that they cannot repeat.
 *
 * <p>Results are handed back on the worker pool, never on a committer thread, so a caller's continuation cannot
 * hold up the next batch.
 *
 * <p>Two lanes, each with its own queue and committer threads: {@link #call} for the job pipeline's writes, and
 * {@link #answer} for writes an HTTP client is waiting on (storing a posted call). The answer lane never queues
 * behind a batch of pipeline writes, so intake latency stays one commit while calls are being processed.
 *
 * <p>A lane's first committer takes whatever is queued whenever it is free; the others only help once
 * {@code aftercall.group-commit.follow-at} units are waiting (default 1: every committer takes any unit). With 8 on
 * PostgreSQL one committer made the batches under light load (0.45 against 0.48-0.50 commits per call at 16
 * connections), but throughput was no better at 16 and worse on H2 and at 64 connections, so it is an opt-in
 * (BENCHMARKS.md, session of 19:54 UTC).
 *
 * <p>A unit is either a {@link Supplier} (its statements run one after the other, each a round trip to the database)
 * or an item for a {@link BatchWork}: the items of one batch that share a {@code BatchWork} instance are written by
 * one {@link BatchWork#writeAll} call, which sends each statement once for all of them (a JDBC batch). On
 * PostgreSQL the round trips, not the database's work, bounded a lane: storing posted calls one by one, the answer
 * lane's committer waited on the socket 79% of the time (BENCHMARKS.md, "What changed this session: round
 * trips to PostgreSQL").
 */
@ApplicationScoped
public class GroupCommit {
    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /**
     * Writes many items in one go and answers one result per item, in their order. Called with one item when the
     * item runs alone (its batch failed, or it came alone), with several when they came together.
     */
    @FunctionalInterface
    public interface BatchWork<I, O> {
        List<O> writeAll(List<I> items);
    }

    private record Unit<I, O>(BatchWork<I, O> work, I item, CompletableFuture<O> result) {
        /** A supplier is a work of its own, never grouped with another unit. */
        static <O> Unit<Void, O> of(Supplier<O> work, CompletableFuture<O> result) {
            return new Unit<>(ignored -> Collections.singletonList(work.get()), null, result);
        }

        O runAlone() {
            return work.writeAll(Collections.singletonList(item)).get(0);
        }
    }

    private final EntityManager em;
    private final Sql sql;
    private final TransactionSynchronizationRegistry transactions;
    private final int maxBatch;
    private final int followAt;
    private final Executor callbacks = Infrastructure.getDefaultWorkerPool();
    private final DistributionSummary batchSizes;
    private final Lane pipeline;
    private final Lane answers;
    private volatile boolean running = true;

    public GroupCommit(EntityManager em, Sql sql, TransactionSynchronizationRegistry transactions, MeterRegistry metrics,
                       @ConfigProperty(name = "aftercall.group-commit.threads") int threads,
                       @ConfigProperty(name = "aftercall.group-commit.answer-threads") int answerThreads,
                       @ConfigProperty(name = "aftercall.group-commit.max-batch") int maxBatch,
                       @ConfigProperty(name = "aftercall.group-commit.follow-at") int followAt) {
        this.em = em;
        this.sql = sql;
        this.transactions = transactions;
        this.maxBatch = Math.max(1, maxBatch);
        this.followAt = Math.max(1, followAt);
        this.batchSizes = DistributionSummary.builder("aftercall.group_commit.batch")
                .description("Units of work committed in one transaction")
                .register(metrics);
        this.pipeline = new Lane("aftercall-group-commit-", threads);
        this.answers = new Lane("aftercall-answer-commit-", answerThreads);
    }

    /** How many units must be waiting before a lane's other committers help its first. */
    int followAt() {
        return followAt;
    }

    /**
     * Runs {@code work} in a transaction shared with other units and answers its result once committed. Inside a
     * transaction already, it simply runs there: the caller's commit decides.
     */
    public <T> CompletionStage<T> call(Supplier<T> work) {
        return pipeline.submit(Unit.of(work, new CompletableFuture<>()));
    }

    /**
     * As {@link #call}, for one item of {@code work}: written together with the other items of {@code work} (the
     * same instance) that share its batch. Answers the item's result once committed.
     */
    public <I, O> CompletionStage<O> call(BatchWork<I, O> work, I item) {
        return pipeline.submit(new Unit<>(work, item, new CompletableFuture<>()));
    }

    /** As {@link #call}, on the answer lane: for a write an HTTP client is waiting on. */
    public <T> CompletionStage<T> answer(Supplier<T> work) {
        return answers.submit(Unit.of(work, new CompletableFuture<>()));
    }

    /** As {@link #call(BatchWork, Object)}, on the answer lane. */
    public <I, O> CompletionStage<O> answer(BatchWork<I, O> work, I item) {
        return answers.submit(new Unit<>(work, item, new CompletableFuture<>()));
    }

    public CompletionStage<Void> run(Runnable work) {
        return call(() -> {
            work.run();
            return null;
        });
    }

    /** After the job worker has stopped (its last outcomes come through here): commits what is queued, then stops. */
    void stop(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000) ShutdownEvent event) {
        running = false;
        answers.stop();
        pipeline.stop();
    }

    /** A queue of units and the committer threads that drain it: the first always, the others when units pile up. */
    private final class Lane {
        private final BlockingQueue<Unit<?, ?>> queue = new LinkedBlockingQueue<>();
        /** Wakes a helping committer: released when a unit is queued behind {@code followAt - 1} others. */
        private final Semaphore backlog = new Semaphore(0);
        private final List<Thread> committers = new ArrayList<>();

        Lane(String threadPrefix, int threads) {
            for (int i = 1; i <= Math.max(1, threads); i++) {
                boolean takesAny = i == 1 || followAt == 1;
                Thread committer = new Thread(() -> commitLoop(takesAny), threadPrefix + i);
                committer.setDaemon(true);
                committer.start();
                committers.add(committer);
            }
        }

        <O> CompletionStage<O> submit(Unit<?, O> unit) {
            if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                return Blocking.now(unit::runAlone);
            }
            if (!running) {
                unit.result().completeExceptionally(new IllegalStateException("shutting down"));
                return unit.result();
            }
            queue.add(unit);
            if (followAt > 1 && committers.size() > 1 && queue.size() >= followAt) {
                backlog.release();
            }
            return unit.result();
        }

        /** Lets the committers finish what is queued (they stop once {@code running} is false), then fails the rest. */
        void stop() {
            for (Thread committer : committers) {
                try {
                    committer.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            failAll(queue, new IllegalStateException("shutting down"));
        }

        /** {@code takesAny}: the lane's first committer, or every one when they all take any unit (follow-at 1). */
        private void commitLoop(boolean takesAny) {
            List<Unit<?, ?>> batch = new ArrayList<>(maxBatch);
            while (running || !queue.isEmpty()) {
                try {
                    Unit<?, ?> next = takesAny ? queue.poll(200, TimeUnit.MILLISECONDS) : whenBacklogged();
                    if (next == null) {
                        continue;
                    }
                    batch.add(next);
                    queue.drainTo(batch, maxBatch - 1);
                    commit(batch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failAll(queue, new IllegalStateException("interrupted"));
                    return;
                } catch (RuntimeException | Error e) {
                    LOG.errorf(e, "group commit failed unexpectedly; its units are failed");
                    batch.forEach(unit -> unit.result().completeExceptionally(e));
                } finally {
                    batch.clear();
                }
            }
        }

        /** A helping committer's next unit: one once a backlog has built up (or at shutdown), else null. */
        private Unit<?, ?> whenBacklogged() throws InterruptedException {
            if (backlog.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                backlog.drainPermits(); // one wake-up per backlog, not one per unit queued into it
            } else if (running) {
                return null;
            }
            return queue.poll();
        }
    }

    private void commit(List<Unit<?, ?>> batch) {
        batchSizes.record(batch.size());
        if (batch.size() == 1) {
            alone(batch.get(0));
            return;
        }
        Map<Unit<?, ?>, Object> results;
        try {
            results = QuarkusTransaction.requiringNew().call(() -> {
                Map<Unit<?, ?>, Object> out = new IdentityHashMap<>(batch.size() * 2);
                for (List<Unit<?, ?>> group : byWork(batch)) {
                    writeAll(group, out);
                    em.flush();
                    em.clear();
                }
                sql.runQueued(); // what the units left for later (Sql#later): a batch per statement for all of them
                return out;
            });
        } catch (RuntimeException e) {
            // One unit failed (or the commit did): nothing of the batch stands. Each unit gets its own try.
            LOG.debugf("a batch of %d units failed (%s); running them one by one", batch.size(), e);
            batch.forEach(this::alone);
            return;
        }
        for (Unit<?, ?> unit : batch) {
            complete(unit, results.get(unit));
        }
    }

    /** The batch's units grouped by their work, each group in the order its units came. */
    private static Collection<List<Unit<?, ?>>> byWork(List<Unit<?, ?>> batch) {
        Map<BatchWork<?, ?>, List<Unit<?, ?>>> groups = new LinkedHashMap<>();
        for (Unit<?, ?> unit : batch) {
            groups.computeIfAbsent(unit.work(), work -> new ArrayList<>()).add(unit);
        }
        return groups.values();
    }

    /** Writes a group of units of one work with one {@link BatchWork#writeAll} call; records each unit's result. */
    @SuppressWarnings("unchecked")
    private static <I, O> void writeAll(List<Unit<?, ?>> group, Map<Unit<?, ?>, Object> results) {
        BatchWork<I, O> work = (BatchWork<I, O>) group.get(0).work();
        List<I> items = new ArrayList<>(group.size());
        group.forEach(unit -> items.add((I) unit.item()));
        List<O> written = work.writeAll(items);
        if (written.size() != items.size()) {
            throw new IllegalStateException(work + " answered " + written.size() + " results for " + items.size());
        }
        for (int i = 0; i < group.size(); i++) {
            results.put(group.get(i), written.get(i));
        }
    }

    private <O> void alone(Unit<?, O> unit) {
        try {
            O result = QuarkusTransaction.requiringNew().call(() -> {
                O written = unit.runAlone();
                sql.runQueued();
                return written;
            });
            callbacks.execute(() -> unit.result().complete(result));
        } catch (RuntimeException e) {
            callbacks.execute(() -> unit.result().completeExceptionally(e));
        }
    }

    @SuppressWarnings("unchecked")
    private <O> void complete(Unit<?, O> unit, Object result) {
        callbacks.execute(() -> unit.result().complete((O) result));
    }

    private static void failAll(BlockingQueue<Unit<?, ?>> queue, RuntimeException error) {
        for (Unit<?, ?> unit; (unit = queue.poll()) != null; ) {
            unit.result().completeExceptionally(error);
        }
    }
}
