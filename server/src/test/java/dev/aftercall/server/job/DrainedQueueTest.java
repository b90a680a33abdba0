package dev.aftercall.server.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DrainedQueueTest {
    private final DrainedQueue queue = new DrainedQueue();

    @Test
    void unknownUntilAClaimComesBackShort() {
        assertThat(queue.isDrained()).isFalse();

        long mark = queue.beforeClaim();
        queue.claimed(mark, 4, 4);
        assertThat(queue.isDrained()).as("a full claim: more may wait").isFalse();

        mark = queue.beforeClaim();
        queue.claimed(mark, 4, 1);
        assertThat(queue.isDrained()).isTrue();
    }

    @Test
    void aJobQueuedAfterTheShortClaimWaitsForTheNextOne() {
        long mark = queue.beforeClaim();
        queue.claimed(mark, 4, 0);
        queue.jobsQueued();
        assertThat(queue.isDrained()).isFalse();

        mark = queue.beforeClaim();
        queue.claimed(mark, 4, 0);
        assertThat(queue.isDrained()).isTrue();
    }

    @Test
    void aJobQueuedWhileAClaimRunsIsNotCoveredByIt() {
        long mark = queue.beforeClaim();
        queue.jobsQueued(); // committed after the claim's select
        queue.claimed(mark, 4, 0);
        assertThat(queue.isDrained()).isFalse();
    }

    @Test
    void aClaimThatAskedForNothingTellsNothing() {
        long mark = queue.beforeClaim();
        queue.claimed(mark, 0, 0);
        assertThat(queue.isDrained()).isFalse();
    }
}
