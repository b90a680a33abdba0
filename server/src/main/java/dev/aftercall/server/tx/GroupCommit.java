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
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
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
 */
@ApplicationScoped
public class GroupCommit {
    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    private record Unit<T>(Supplier<T> work, CompletableFuture<T> result) {
    }

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final int maxBatch;
    private final Executor callbacks = Infrastructure.getDefaultWorkerPool();
    private final DistributionSummary batchSizes;
    private final Lane pipeline;
    private final Lane answers;
    private volatile boolean running = true;

    public GroupCommit(EntityManager em, TransactionSynchronizationRegistry transactions, MeterRegistry metrics,
                       @ConfigProperty(name = "aftercall.group-commit.threads") int threads,
                       @ConfigProperty(name = "aftercall.group-commit.answer-threads") int answerThreads,
                       @ConfigProperty(name = "aftercall.group-commit.max-batch") int maxBatch) {
        this.em = em;
        this.transactions = transactions;
        this.maxBatch = Math.max(1, maxBatch);
        this.batchSizes = DistributionSummary.builder("aftercall.group_commit.batch")
                .description("Units of work committed in one transaction")
                .register(metrics);
        this.pipeline = new Lane("aftercall-group-commit-", threads);
        this.answers = new Lane("aftercall-answer-commit-", answerThreads);
    }

    /**
     * Runs {@code work} in a transaction shared with other units and answers its result once committed. Inside a
     * transaction already, it simply runs there: the caller's commit decides.
     */
    public <T> CompletionStage<T> call(Supplier<T> work) {
        return pipeline.submit(work);
    }

    /** As {@link #call}, on the answer lane: for a write an HTTP client is waiting on. */
    public <T> CompletionStage<T> answer(Supplier<T> work) {
        return answers.submit(work);
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

    /** A queue of units and the committer threads that drain it. */
    private final class Lane {
        private final BlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();
        private final List<Thread> committers = new ArrayList<>();

        Lane(String threadPrefix, int threads) {
            for (int i = 1; i <= Math.max(1, threads); i++) {
                Thread committer = new Thread(this::commitLoop, threadPrefix + i);
                committer.setDaemon(true);
                committer.start();
                committers.add(committer);
            }
        }

        <T> CompletionStage<T> submit(Supplier<T> work) {
            if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                return Blocking.now(work);
            }
            CompletableFuture<T> result = new CompletableFuture<>();
            if (!running) {
                result.completeExceptionally(new IllegalStateException("shutting down"));
                return result;
            }
            queue.add(new Unit<>(work, result));
            return result;
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

        private void commitLoop() {
            List<Unit<?>> batch = new ArrayList<>(maxBatch);
            while (running || !queue.isEmpty()) {
                try {
                    Unit<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
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
    }

    private void commit(List<Unit<?>> batch) {
        batchSizes.record(batch.size());
        if (batch.size() == 1) {
            alone(batch.get(0));
            return;
        }
        List<Object> results;
        try {
            results = QuarkusTransaction.requiringNew().call(() -> {
                List<Object> out = new ArrayList<>(batch.size());
                for (Unit<?> unit : batch) {
                    out.add(unit.work().get());
                    em.flush();
                    em.clear();
                }
                return out;
            });
        } catch (RuntimeException e) {
            // One unit failed (or the commit did): nothing of the batch stands. Each unit gets its own try.
            LOG.debugf("a batch of %d units failed (%s); running them one by one", batch.size(), e);
            batch.forEach(this::alone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i));
        }
    }

    private <T> void alone(Unit<T> unit) {
        try {
            T result = QuarkusTransaction.requiringNew().call(() -> unit.work().get());
            callbacks.execute(() -> unit.result().complete(result));
        } catch (RuntimeException e) {
            callbacks.execute(() -> unit.result().completeExceptionally(e));
        }
    }

    @SuppressWarnings("unchecked")
    private <T> void complete(Unit<T> unit, Object result) {
        callbacks.execute(() -> unit.result().complete((T) result));
    }

    private static void failAll(BlockingQueue<Unit<?>> queue, RuntimeException error) {
        for (Unit<?> unit; (unit = queue.poll()) != null; ) {
            unit.result().completeExceptionally(error);
        }
    }
}
