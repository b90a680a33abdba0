package dev.aftercall.server.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aftercall.server.auth.OutletEntity;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Writes submitted together share transactions, each caller learns its own outcome after the commit, and one
 * failing write neither fails nor loses the others.
 */
@QuarkusTest
class GroupCommitTest {
    static final long FIRST = 9_100;
    static final int UNITS = 40;

    @Inject
    GroupCommit commits;

    @Inject
    MeterRegistry metrics;

    @Test
    void concurrentWritesShareCommitsAndAFailingOneCostsTheOthersNothing() {
        QuarkusTransaction.requiringNew().run(() -> OutletEntity.delete("id between ?1 and ?2", FIRST, FIRST + UNITS));
        long batchesBefore = metrics.summary("aftercall.group_commit.batch").count();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (long id = FIRST; id < FIRST + UNITS; id++) {
            long outlet = id;
            // Unit 20 inserts the id unit 10 inserts: one of the two fails on the primary key.
            long inserted = id == FIRST + 20 ? FIRST + 10 : id;
            results.add(commits.call(() -> {
                OutletEntity row = new OutletEntity();
                row.id = inserted;
                row.name = "group commit " + outlet;
                row.persist();
                return Thread.currentThread().getName();
            }).toCompletableFuture());
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).handle((ok, error) -> null).join();

        List<Long> failed = LongStream.range(0, UNITS).filter(i -> results.get((int) i).isCompletedExceptionally())
                .map(i -> FIRST + i).boxed().toList();
        assertEquals(1, failed.size(), "exactly one of the two units inserting " + (FIRST + 10) + " fails");
        assertTrue(failed.get(0) == FIRST + 10 || failed.get(0) == FIRST + 20);
        CompletionException error = assertThrows(CompletionException.class, results.get((int) (failed.get(0) - FIRST))::join);
        assertInstanceOf(RuntimeException.class, error.getCause());

        long stored = QuarkusTransaction.requiringNew().call(() ->
                OutletEntity.count("id between ?1 and ?2", FIRST, FIRST + UNITS));
        assertEquals(UNITS - 1, stored, "every other unit committed");
        long batches = metrics.summary("aftercall.group_commit.batch").count() - batchesBefore;
        assertTrue(batches < UNITS, UNITS + " units took " + batches + " commits");
        for (CompletableFuture<String> result : results) {
            if (!result.isCompletedExceptionally()) {
                assertTrue(result.join().startsWith("aftercall-group-commit-"), "the unit ran on a committer");
            }
        }
    }

    @Test
    void answersAreNotHeldBehindThePipelinesBatches() throws Exception {
        // Occupy every pipeline committer with a unit that waits; an intake-style write must still commit.
        int pipelineCommitters = ConfigProvider.getConfig().getValue("aftercall.group-commit.threads", Integer.class);
        AtomicInteger started = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Void>> blocked = new ArrayList<>();
        try {
            // The first committer takes the first unit; a helper only once enough are queued behind it.
            for (int i = 0; started.get() < pipelineCommitters; i++) {
                assertTrue(i < pipelineCommitters * (commits.followAt() + 1),
                        started + " of " + pipelineCommitters + " committers took a unit");
                int before = started.get();
                blocked.add(commits.run(() -> {
                    started.incrementAndGet();
                    await(release);
                }).toCompletableFuture());
                waitFor(() -> started.get() > before, 200);
            }
            CompletableFuture<Void> queuedBehind = commits.run(() -> { }).toCompletableFuture();

            String thread = commits.answer(() -> Thread.currentThread().getName()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);

            assertTrue(thread.startsWith("aftercall-answer-commit-"), thread);
            assertFalse(queuedBehind.isDone(), "the pipeline lane really was full");
        } finally {
            release.countDown();
        }
        CompletableFuture.allOf(blocked.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void itemsOfOneWorkQueuedTogetherAreWrittenByOneCall() throws Exception {
        long first = FIRST + 100;
        List<List<Long>> calls = new CopyOnWriteArrayList<>();
        GroupCommit.BatchWork<Long, String> outlets = ids -> {
            calls.add(List.copyOf(ids));
            return ids.stream().map(id -> insertOutlet(id, first + 5)).toList();
        };
        QuarkusTransaction.requiringNew().run(() -> OutletEntity.delete("id between ?1 and ?2", first, first + 30));

        List<CompletableFuture<String>> good = whileTheAnswerLaneIsHeld(() -> submit(outlets, first, first + 5));
        assertEquals(List.of(LongStream.range(first, first + 5).boxed().toList()), calls, "one call for all five");
        assertEquals(List.of("outlet " + first, "outlet " + (first + 1), "outlet " + (first + 2),
                "outlet " + (first + 3), "outlet " + (first + 4)), good.stream().map(CompletableFuture::join).toList());

        // Item first + 5 throws: the call for the whole group fails, then each item is written alone.
        calls.clear();
        List<CompletableFuture<String>> mixed = whileTheAnswerLaneIsHeld(() -> submit(outlets, first + 5, first + 9));
        assertEquals(LongStream.range(first + 5, first + 9).boxed().toList(), calls.get(0), "tried together first");
        assertEquals(List.of(List.of(first + 5), List.of(first + 6), List.of(first + 7), List.of(first + 8)),
                calls.subList(1, calls.size()), "then one by one");
        CompletionException error = assertThrows(CompletionException.class, mixed.get(0)::join);
        assertInstanceOf(IllegalArgumentException.class, error.getCause());
        assertEquals("outlet " + (first + 8), mixed.get(3).join());
        long stored = QuarkusTransaction.requiringNew().call(() ->
                OutletEntity.count("id between ?1 and ?2", first, first + 30));
        assertEquals(8, stored, "all but the item that threw");
    }

    private static String insertOutlet(long id, long refused) {
        if (id == refused) {
            throw new IllegalArgumentException("outlet " + id + " is refused");
        }
        OutletEntity row = new OutletEntity();
        row.id = id;
        row.name = "batch " + id;
        row.persist();
        return "outlet " + id;
    }

    private List<CompletableFuture<String>> submit(GroupCommit.BatchWork<Long, String> work, long from, long to) {
        return LongStream.range(from, to).mapToObj(id -> commits.answer(work, id).toCompletableFuture()).toList();
    }

    /** Runs {@code submit} while the answer lane's committer is busy, so what it queues is drained as one batch. */
    private <T> List<CompletableFuture<T>> whileTheAnswerLaneIsHeld(Supplier<List<CompletableFuture<T>>> submit)
            throws Exception {
        int committers = ConfigProvider.getConfig().getValue("aftercall.group-commit.answer-threads", Integer.class);
        CountDownLatch started = new CountDownLatch(committers);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Void>> held = new ArrayList<>();
        List<CompletableFuture<T>> submitted;
        try {
            for (int i = 0; i < committers; i++) {
                held.add(commits.answer(() -> {
                    started.countDown();
                    await(release);
                    return (Void) null;
                }).toCompletableFuture());
                assertTrue(waitFor(started, committers - i - 1), "a committer took holder " + i);
            }
            submitted = submit.get();
        } finally {
            release.countDown();
        }
        CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(submitted.toArray(CompletableFuture[]::new)).handle((ok, error) -> null)
                .get(10, TimeUnit.SECONDS);
        return submitted;
    }

    private static void waitFor(BooleanSupplier condition, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static boolean waitFor(CountDownLatch latch, long count) {
        waitFor(() -> latch.getCount() <= count, 10_000);
        return latch.getCount() == count;
    }

    /** Waits for {@code latch} inside a unit (a committer's thread), for up to 30 s. */
    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void resultsArriveOffTheCommitterThread() {
        CompletionStage<String> where = commits.call(() -> "done")
                .thenApply(ignored -> Thread.currentThread().getName());
        assertFalse(where.toCompletableFuture().join().startsWith("aftercall-group-commit-"));
    }

    @Test
    void insideATransactionTheUnitJoinsIt() {
        String thread = QuarkusTransaction.requiringNew().call(() ->
                commits.call(() -> Thread.currentThread().getName()).toCompletableFuture().join());
        assertEquals(Thread.currentThread().getName(), thread);
    }
}
