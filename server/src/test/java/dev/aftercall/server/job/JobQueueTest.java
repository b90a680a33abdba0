package dev.aftercall.server.job;

import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.call.CallEntity;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.aftercall.server.support.Api.as;
import static dev.aftercall.server.support.Api.call;
import static dev.aftercall.server.support.Api.newCallId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * The claim of {@link JobQueue} against the real database (H2 by default, PostgreSQL with the pg profile), in a
 * process whose own worker is off so that only the test claims.
 */
@QuarkusTest
@TestProfile(WorkerOffProfile.class)
class JobQueueTest {
    private static final Duration LEASE = Duration.ofMinutes(5);

    @Inject
    JobQueue queue;

    @Inject
    TestDatabase database;

    @Inject
    DataSource dataSource;

    @Inject
    ProcessCallJob processCall;

    @Inject
    Tokens tokens;

    @Test
    void aProcessWithItsWorkerOffByConfigurationIsReady() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'job worker' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'job worker' }.data.worker",
                        equalTo("off (aftercall.jobs.concurrency=0)"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void aCallPostedTwiceQueuesOneJob() {
        String token = tokens.mint(1, null);
        String callId = newCallId();
        as(token).body(call(callId, "agent-once")).post("/api/v1/calls").then().statusCode(202);
        as(token).body(call(callId, "agent-once")).post("/api/v1/calls").then().statusCode(200);

        assertThat(database.countCalls(1, callId)).isEqualTo(1);
        assertThat(database.countJobs(1, callId)).isEqualTo(1);
    }

    @Test
    void aFinishedJobIsDeletedAndLeavesItsAttemptsOnTheCall() {
        String prefix = "finish-" + UUID.randomUUID();
        List<Long> pks = database.insertQueuedJobs(prefix, 1, Instant.parse("1997-01-01T00:00:00Z")); // the oldest due
        String owner = "owner-finish-" + UUID.randomUUID();
        ClaimedJob job = single(queue.claim(1, owner, LEASE), pks.get(0));

        assertThat(queue.complete(job, "owner-" + UUID.randomUUID(), processCall)).isFalse();
        assertThat(database.runningJobOwners(pks)).containsEntry(job.pk(), owner);

        assertThat(queue.complete(job, owner, processCall)).isTrue();
        assertThat(database.runningJobOwners(pks)).isEmpty();
        assertThat(database.countJobs(1, prefix + "-0")).isZero();
        as(tokens.mint(1, null)).get("/api/v1/calls/{id}", prefix + "-0").then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("attempts", equalTo(1)); // read from the call: without it, a call with no job shows 0
    }

    @Test
    void jobsFinishedTogetherAreEachDeletedOnlyUnderTheirOwnLease() throws Exception {
        String prefix = "finish-together-" + UUID.randomUUID();
        List<Long> pks = database.insertQueuedJobs(prefix, 3, Instant.parse("1996-01-01T00:00:00Z")); // the oldest due
        String owner = "owner-together-" + UUID.randomUUID();
        List<ClaimedJob> jobs = queue.claim(3, owner, LEASE);
        assertThat(jobs).extracting(ClaimedJob::pk).containsExactlyElementsOf(pks);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement steal = connection.prepareStatement("update job set lease_owner = ? where pk = ?")) {
            steal.setString(1, "another-owner"); // the middle job's lease went to another process meanwhile
            steal.setLong(2, pks.get(1));
            steal.executeUpdate();
        }

        boolean[] finished = queue.completeAll(jobs.stream().map(job -> new JobQueue.Done(job, processCall)).toList(),
                owner);

        assertThat(finished).containsExactly(true, false, true);
        assertThat(database.runningJobOwners(pks)).containsExactly(Map.entry(pks.get(1), "another-owner"));
        String token = tokens.mint(1, null);
        for (int i = 0; i < 3; i++) {
            as(token).get("/api/v1/calls/{id}", prefix + "-" + i).then().statusCode(200)
                    .body("status", i == 1 ? not(equalTo("completed")) : equalTo("completed"));
        }
    }

    @Test
    void aCallLeasedOnItsOwnRowIsCompletedOnlyUnderThatLease() {
        String owner = "owner-call-row-" + UUID.randomUUID();
        long callPk = database.insertCallLeasedBy("call-row-done-" + UUID.randomUUID(), owner,
                Instant.now().plus(LEASE));
        ClaimedJob job = ClaimedJob.leasedOnCall(callPk);

        assertThat(queue.complete(job, "owner-" + UUID.randomUUID(), processCall)).isFalse();
        assertThat(database.call(callPk).status).isEqualTo(CallEntity.PROCESSING);
        assertThat(database.callLeaseOwner(callPk)).isEqualTo(owner);

        assertThat(queue.complete(job, owner, processCall)).isTrue();
        CallEntity done = database.call(callPk);
        assertThat(done.status).isEqualTo(CallEntity.COMPLETED);
        assertThat(done.completedAt).isNotNull();
        assertThat(done.attempts).isEqualTo(1);
        assertThat(database.callLeaseOwner(callPk)).isNull();
        assertThat(database.jobsOfCallPk(callPk)).isEmpty();
    }

    @Test
    void aHeartbeatExtendsTheLeasesKeptOnCallRowsOfItsOwnerOnly() {
        String owner = "owner-call-row-beat-" + UUID.randomUUID();
        Instant soon = Instant.now().plusSeconds(10);
        long mine = database.insertCallLeasedBy("call-row-beat-" + UUID.randomUUID(), owner, soon);
        long theirs = database.insertCallLeasedBy("call-row-beat-" + UUID.randomUUID(), "another-owner", soon);

        assertThat(queue.extendLeases(owner, LEASE, List.of(ClaimedJob.leasedOnCall(mine),
                ClaimedJob.leasedOnCall(theirs)))).isEqualTo(1);
        assertThat(database.callLeaseUntil(mine)).isAfter(Instant.now().plus(LEASE).minusSeconds(60));
        assertThat(database.callLeaseUntil(theirs)).isBefore(soon.plusMillis(1));
    }

    @Test
    void aFailedRunLeasedOnItsCallMovesIntoTheJobTableToBeRetriedOrGivenUp() {
        String owner = "owner-call-row-fail-" + UUID.randomUUID();
        long retried = database.insertCallLeasedBy("call-row-retry-" + UUID.randomUUID(), owner,
                Instant.now().plus(LEASE));
        long givenUp = database.insertCallLeasedBy("call-row-give-up-" + UUID.randomUUID(), owner,
                Instant.now().plus(LEASE));
        Instant before = Instant.now();

        assertThat(queue.fail(ClaimedJob.leasedOnCall(retried), "owner-" + UUID.randomUUID(), "boom", processCall, 3,
                Duration.ofHours(1))).isEqualTo(JobQueue.Failure.LEASE_LOST);
        assertThat(database.jobsOfCallPk(retried)).isEmpty();
        assertThat(queue.fail(ClaimedJob.leasedOnCall(retried), owner, "boom", processCall, 3, Duration.ofHours(1)))
                .isEqualTo(JobQueue.Failure.RETRY_SCHEDULED);
        assertThat(queue.fail(ClaimedJob.leasedOnCall(givenUp), owner, "bust", processCall, 1, Duration.ofHours(1)))
                .isEqualTo(JobQueue.Failure.GAVE_UP);

        assertThat(database.call(retried)).satisfies(call -> {
            assertThat(call.status).isEqualTo(CallEntity.QUEUED);
            assertThat(call.error).isEqualTo("boom");
        });
        assertThat(database.jobsOfCallPk(retried)).singleElement().satisfies(job -> {
            assertThat(job.status).isEqualTo(JobEntity.QUEUED);
            assertThat(job.attempts).isEqualTo(1);
            assertThat(job.lastError).isEqualTo("boom");
            assertThat(job.runAt).isAfter(before.plus(Duration.ofMinutes(59)));
        });
        assertThat(database.call(givenUp).status).isEqualTo(CallEntity.FAILED);
        assertThat(database.jobsOfCallPk(givenUp)).singleElement()
                .satisfies(job -> assertThat(job.status).isEqualTo(JobEntity.FAILED));
        assertThat(database.callLeaseOwner(retried)).isNull();
        assertThat(database.callLeaseOwner(givenUp)).isNull();
    }

    @Test
    void expiredCallRowLeasesAreQueuedAndOnesHandedBackAtShutdownDoNotCountAsAnAttempt() {
        String owner = "owner-call-row-release-" + UUID.randomUUID();
        long expired = database.insertCallLeasedBy("call-row-expired-" + UUID.randomUUID(), "a-dead-process",
                Instant.now().minusSeconds(1));
        long released = database.insertCallLeasedBy("call-row-released-" + UUID.randomUUID(), owner,
                Instant.now().plus(LEASE));
        long stillLeased = database.insertCallLeasedBy("call-row-leased-" + UUID.randomUUID(), "another-owner",
                Instant.now().plus(LEASE));

        assertThat(queue.requeueExpired()).isGreaterThanOrEqualTo(1);
        assertThat(queue.release(owner, List.of(ClaimedJob.leasedOnCall(released)))).isEqualTo(1);

        assertThat(database.jobsOfCallPk(expired)).singleElement().satisfies(job -> {
            assertThat(job.status).isEqualTo(JobEntity.QUEUED);
            assertThat(job.attempts).as("the dead run counts").isEqualTo(1);
        });
        assertThat(database.jobsOfCallPk(released)).singleElement().satisfies(job -> {
            assertThat(job.status).isEqualTo(JobEntity.QUEUED);
            assertThat(job.attempts).as("the interrupted run does not").isZero();
        });
        for (long callPk : List.of(expired, released)) {
            assertThat(database.call(callPk).status).isEqualTo(CallEntity.QUEUED);
            assertThat(database.callLeaseOwner(callPk)).isNull();
        }
        assertThat(database.jobsOfCallPk(stillLeased)).isEmpty();
        assertThat(database.callLeaseOwner(stillLeased)).isEqualTo("another-owner");
    }

    @Test
    void aJobForACallThatIsGoneIsRefusedAndNothingIsStored() {
        long gone = Long.MAX_VALUE - 7;
        if (database.isH2()) { // H2 keeps the job's foreign key to call
            assertThatThrownBy(() -> queue.enqueue(JobEntity.PROCESS_CALL, gone)).isInstanceOf(RuntimeException.class);
        } else { // PostgreSQL has no such key (V16_2); enqueue checks and locks the call itself
            assertThatThrownBy(() -> queue.enqueue(JobEntity.PROCESS_CALL, gone))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409))
                    .hasMessageContaining("the call was deleted");
        }
        assertThat(database.countJobsOfCallPk(gone)).isZero();
    }

    private static ClaimedJob single(List<ClaimedJob> claimed, long pk) {
        assertThat(claimed).extracting(ClaimedJob::pk).containsExactly(pk);
        return claimed.get(0);
    }

    @Test
    void aClaimTakesTheOldestDueJobsAndLeavesJobsNotYetDue() {
        String prefix = "claim-order-" + UUID.randomUUID();
        // Older than anything the other tests queue, so these are the first due.
        List<Long> due = database.insertQueuedJobs(prefix, 5, Instant.parse("2000-01-01T00:00:00Z"));
        List<Long> later = database.insertQueuedJobs(prefix + "-later", 3, Instant.now().plus(Duration.ofHours(1)));

        List<ClaimedJob> first = queue.claim(3, "owner-a", LEASE);
        List<ClaimedJob> rest = queue.claim(100, "owner-b", LEASE);

        assertThat(first).extracting(ClaimedJob::pk).containsExactlyElementsOf(due.subList(0, 3));
        assertThat(first).allSatisfy(job -> assertThat(job.attempt()).isEqualTo(1));
        assertThat(rest).extracting(ClaimedJob::pk).containsSubsequence(due.subList(3, 5)).doesNotContainAnyElementsOf(later);
        assertThat(database.runningJobOwners(later)).isEmpty();
    }

    @Test
    void aHeartbeatExtendsOnlyTheJobsItNames() {
        List<Long> pks = database.insertQueuedJobs("heartbeat-" + UUID.randomUUID(), 3,
                Instant.parse("1999-01-01T00:00:00Z"));
        String owner = "owner-heartbeat-" + UUID.randomUUID();
        assertThat(queue.claim(3, owner, LEASE)).extracting(ClaimedJob::pk).containsExactlyElementsOf(pks);

        assertThat(queue.heartbeat(owner, LEASE, pks.subList(0, 2))).isEqualTo(2);
        assertThat(queue.heartbeat("owner-" + UUID.randomUUID(), LEASE, pks)).isZero();
        assertThat(queue.heartbeat(owner, LEASE, List.of())).isZero();
    }

    @Test
    void aHeartbeatSkipsAJobAnotherTransactionHoldsInsteadOfWaitingForIt() throws Exception {
        List<Long> pks = database.insertQueuedJobs("heartbeat-locked-" + UUID.randomUUID(), 2,
                Instant.parse("1999-01-01T00:00:00Z"));
        String owner = "owner-heartbeat-locked-" + UUID.randomUUID();
        assertThat(queue.claim(2, owner, LEASE)).extracting(ClaimedJob::pk).containsExactlyElementsOf(pks);

        ExecutorService heartbeat = Executors.newSingleThreadExecutor();
        try (Connection committer = dataSource.getConnection()) {
            committer.setAutoCommit(false); // holds the first job's row, as a group commit finishing it does
            try (PreparedStatement lock = committer.prepareStatement("update job set attempts = attempts where pk = ?")) {
                lock.setLong(1, pks.get(0));
                assertThat(lock.executeUpdate()).isEqualTo(1);
            }
            try {
                Future<Integer> extended = heartbeat.submit(() -> queue.heartbeat(owner, LEASE, pks));
                assertThat(extended.get(20, TimeUnit.SECONDS)).isEqualTo(1);
            } finally {
                committer.rollback();
            }
        } finally {
            heartbeat.shutdownNow();
        }
        assertThat(queue.heartbeat(owner, LEASE, pks)).isEqualTo(2);
    }

    @Test
    void nextRunAtIsWhenTheEarliestQueuedJobFallsDue() {
        Instant earliest = Instant.parse("1998-01-01T00:00:00Z");
        database.insertQueuedJobs("next-run-" + UUID.randomUUID(), 1, earliest);
        assertThat(queue.nextRunAt()).isEqualTo(earliest);

        queue.claim(1, "owner-next-" + UUID.randomUUID(), LEASE); // the oldest due job: this one
        Instant next = queue.nextRunAt();
        assertThat(next == null || next.isAfter(earliest)).as("next due after the claim: %s", next).isTrue();
    }

    @Test
    void concurrentClaimsNeverHandOneJobToTwoClaimers() throws Exception {
        int jobs = 300;
        List<Long> queued = database.insertQueuedJobs("claim-race-" + UUID.randomUUID(), jobs,
                Instant.now().minus(Duration.ofMinutes(1)));
        Set<Long> mine = new HashSet<>(queued);
        ConcurrentLinkedQueue<Long> handedOut = new ConcurrentLinkedQueue<>();
        Map<Long, String> claimerOf = new ConcurrentHashMap<>();
        ExecutorService claimers = Executors.newFixedThreadPool(8);
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                String owner = "claimer-" + c;
                done.add(claimers.submit(() -> {
                    // H2 may answer fewer jobs than are due while others hold locks, so keep going until all are out.
                    while (!handedOut.containsAll(mine) && Instant.now().isBefore(deadline)) {
                        for (ClaimedJob job : queue.claim(7, owner, LEASE)) {
                            handedOut.add(job.pk());
                            claimerOf.put(job.pk(), owner);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> claimer : done) {
                claimer.get();
            }
        } finally {
            claimers.shutdownNow();
        }

        assertThat(handedOut).doesNotHaveDuplicates().containsAll(mine);
        // Each job is running under the lease of the one claimer it was handed to.
        Map<Long, String> owners = database.runningJobOwners(queued);
        assertThat(owners).hasSize(jobs);
        queued.forEach(pk -> assertThat(owners.get(pk)).isEqualTo(claimerOf.get(pk)));
    }

    /**
     * Issue 6: draining a backlog of 100,000 must go as fast as draining 1,000, so a claim must read its batch from
     * the index and stop, not read every queued job. On H2 every scanCount stays near the batch; on PostgreSQL
     * (whose test tables are never analyzed; the claim's own plan settings applied) the plan walks the partial index
     * of queued jobs, with no sort.
     */
    @Test
    void aClaimReadsItsBatchNotTheWholeQueue() {
        database.insertQueuedJobs("claim-plan-" + UUID.randomUUID(), 2000, Instant.now().minus(Duration.ofHours(1)));
        Instant now = Instant.now();

        String h2 = database.isH2() ? database.explainAnalyze(JobQueue.CLAIM_H2, now, 10, now) : null;
        if (h2 != null) {
            Matcher scans = Pattern.compile("scanCount: (\\d+)").matcher(h2);
            List<Integer> counts = new ArrayList<>();
            while (scans.find()) {
                counts.add(Integer.parseInt(scans.group(1)));
            }
            assertThat(counts).as(h2).isNotEmpty().allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(21));
            assertThat(h2).contains("index sorted");
        } else {
            String plan = database.explainAnalyzeAfter(JobQueue.CLAIM_PLAN_POSTGRESQL, JobQueue.CLAIM_POSTGRESQL,
                    now, 10);
            assertThat(plan).contains("job_queued_run_at_idx").doesNotContain("Sort").doesNotContain("Seq Scan");
        }
    }

    /**
     * The sweep of expired leases kept on call rows (V17) has no index of its own: it reads each outlet's calls being
     * processed through (outlet_id, status) of V13, so its cost follows the calls in flight, not all calls stored.
     */
    @Test
    void theSweepOfExpiredCallLeasesReadsOnlyTheCallsBeingProcessed() {
        int stored = 2000;
        database.insertQueuedJobs("sweep-plan-" + UUID.randomUUID(), stored, Instant.now().plus(Duration.ofDays(1)));
        Instant now = Instant.now();

        if (database.isH2()) {
            String plan = database.explainAnalyze(CallRowLeases.EXPIRED_OF_OUTLET, 1L, now);
            assertThat(plan).containsIgnoringCase("CALL_OUTLET_STATUS_CREATED_PK_IDX");
            Matcher scans = Pattern.compile("scanCount: (\\d+)").matcher(plan);
            List<Integer> counts = new ArrayList<>();
            while (scans.find()) {
                counts.add(Integer.parseInt(scans.group(1)));
            }
            assertThat(counts).as(plan).isNotEmpty().allSatisfy(count -> assertThat(count).isLessThan(stored));
        } else {
            String plan = database.explainAnalyzeAfter(JobQueue.CLAIM_PLAN_POSTGRESQL, CallRowLeases.EXPIRED, now);
            assertThat(plan).contains("call_outlet_status_created_pk_idx").doesNotContain("Seq Scan on call");
        }
    }

    @Test
    void theQueueDepthIsCountedUpToItsCap() {
        database.insertQueuedJobs("depth-" + UUID.randomUUID(), 30, Instant.now());
        long queued = database.countQueuedJobs();

        assertThat(queue.queueDepth(queued + 10)).isEqualTo(queued);
        assertThat(queue.queueDepth(20)).isEqualTo(20);
    }
}
