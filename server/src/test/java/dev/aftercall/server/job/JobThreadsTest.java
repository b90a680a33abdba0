package dev.aftercall.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aftercall.server.support.Eventually;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The job pool keeps a few threads for short work and stands in for each one that waits on a remote party. */
class JobThreadsTest {

    @Test
    void aThreadWaitingOnARemotePartyIsStoodInForAndTheStandInsEndAfterwards() throws Exception {
        JobThreads threads = new JobThreads("test-job-", 2, 8, 100, TimeUnit.MILLISECONDS);
        try {
            CountDownLatch answered = new CountDownLatch(1);
            CountDownLatch waiting = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                threads.execute(() -> {
                    try (JobThreads.Waiting ignored = JobThreads.waiting()) {
                        waiting.countDown();
                        answered.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertTrue(waiting.await(5, TimeUnit.SECONDS));

            // Both base threads wait: a short task still runs, on a stand-in.
            String ranOn = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(), threads)
                    .get(5, TimeUnit.SECONDS);
            assertTrue(ranOn.startsWith("test-job-"), ranOn);
            assertTrue(threads.threads() > 2, "threads: " + threads.threads());

            answered.countDown();
            // The stand-ins end once idle.
            assertEquals(2, Eventually.await(Duration.ofSeconds(5), threads::threads, n -> n <= 2));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aBlockedThreadThatSaysNothingKeepsItsPlace() throws Exception {
        JobThreads threads = new JobThreads("test-job-", 1, 8, 100, TimeUnit.MILLISECONDS);
        try {
            CountDownLatch release = new CountDownLatch(1);
            threads.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            CompletableFuture<Void> next = CompletableFuture.runAsync(() -> { }, threads);
            Thread.sleep(300);
            assertFalse(next.isDone(), "the pool does not grow unless told of a wait");
            release.countDown();
            next.get(5, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
    }
}
