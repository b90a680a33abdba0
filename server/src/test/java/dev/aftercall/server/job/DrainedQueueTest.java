package dev.aftercall.server.job;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DrainedQueueTest {
    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

    private final DrainedQueue queue = new DrainedQueue();

    @Test
    void unknownUntilAClaimComesBackShort() {
        assertThat(queue.isDrained(NOW)).isFalse();

        long mark = queue.beforeClaim();
        queue.claimed(mark, 4, 4, null);
        assertThat(queue.isDrained(NOW)).as("a full claim: more may wait").isFalse();

        mark = queue.beforeClaim();
        queue.claimed(mark, 4, 1, null);
        assertThat(queue.isDrained(NOW)).isTrue();
    }

    @Test
    void aFullClaimAfterAShortOneMeansJobsWaitAgain() {
        long mark = queue.beforeClaim();
        queue.claimed(mark, 4, 0, null);
        mark = queue.beforeClaim();
        queue.claimed(mark, 1, 1, null); // a poll found a job that fell due meanwhile
        assertThat(queue.isDrained(NOW)).isFalse();
    }

    @Test
    void aJobQueuedAfterTheShortClaimWaitsForTheNextOne() {
        long mark = queue.beforeClaim();
        queue.claimed(mark, 4, 0, null);
        queue.jobsQueued();
        assertThat(queue.isDrained(NOW)).isFalse();

        mark = queue.beforeClaim();
        queue.claimed(mark, 4, 0, null);
        assertThat(queue.isDrained(NOW)).isTrue();
    }

    @Test
    void aJobQueuedWhileAClaimRunsIsNotCoveredByIt() {
        long mark = queue.beforeClaim();
        queue.jobsQueued(); // committed after the claim's select
        queue.claimed(mark, 4, 0, null);
        assertThat(queue.isDrained(NOW)).isFalse();
    }

    @Test
    void aQueuedJobThatFallsDueEndsTheDrainedState() {
        long mark = queue.beforeClaim();
        queue.claimed(mark, 4, 0, NOW.plusSeconds(30)); // a retry after its backoff, say
        assertThat(queue.isDrained(NOW)).isTrue();
        assertThat(queue.isDrained(NOW.plusSeconds(30))).isFalse();
    }

    @Test
    void aClaimThatAskedForNothingTellsNothing() {
        long mark = queue.beforeClaim();
        queue.claimed(mark, 0, 0, null);
        assertThat(queue.isDrained(NOW)).isFalse();
    }
}
