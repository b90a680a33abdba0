package dev.aftercall.server.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A lane's second committer stays out of the way until units pile up behind its busy first committer. */
@QuarkusTest
@TestProfile(GroupCommitFollowerTest.FollowAtEight.class)
class GroupCommitFollowerTest {
    /** The opt-in measured in BENCHMARKS.md (the default, 1, lets every committer take any unit). */
    public static class FollowAtEight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aftercall.group-commit.follow-at", "8", "aftercall.group-commit.threads", "2");
        }
    }

    @Inject
    GroupCommit commits;

    @Test
    void aSecondCommitterHelpsOnlyOnceUnitsPileUp() throws Exception {
        assertEquals(8, commits.followAt());
        CountDownLatch leaderStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> leader = commits.call(() -> {
            leaderStarted.countDown();
            GroupCommitTest.await(release);
            return Thread.currentThread().getName();
        }).toCompletableFuture();
        try {
            assertTrue(leaderStarted.await(10, TimeUnit.SECONDS), "the first committer took the unit");
            List<CompletableFuture<String>> queued = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                queued.add(commits.call(() -> Thread.currentThread().getName()).toCompletableFuture());
            }
            Thread.sleep(300);
            assertTrue(queued.stream().noneMatch(CompletableFuture::isDone), "7 units wait for the busy first committer");

            queued.add(commits.call(() -> Thread.currentThread().getName()).toCompletableFuture());
            CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertFalse(leader.isDone(), "the first committer is still held");
            assertEquals(List.of("aftercall-group-commit-2"),
                    queued.stream().map(CompletableFuture::join).distinct().toList(),
                    "the second committer took the eight as one batch");
        } finally {
            release.countDown();
        }
        assertEquals("aftercall-group-commit-1", leader.get(10, TimeUnit.SECONDS));
    }
}
