package dev.aftercall.server.retention;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.job.JobEntity;
import dev.aftercall.server.job.JobQueue;
import dev.aftercall.server.support.Api;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Old finished calls go, with their traces and jobs, whichever outlet they belong to; recent and unfinished ones stay. */
@QuarkusTest
class RetentionPrunerTest {
    @Inject
    Tokens tokens;

    @Inject
    RetentionPruner pruner;

    @Inject
    EntityManager em;

    @Inject
    TestDatabase database;

    @Inject
    JobQueue jobs;

    @Test
    void deletesOldFinishedCallsWithTheirTracesInBatchesAndKeepsTheRest() {
        String token = tokens.mint(1, null);
        String agent = "retention-" + UUID.randomUUID();
        database.ensureOutlet(TestDatabase.SECOND_OUTLET, "Second outlet");
        String otherToken = tokens.mint(TestDatabase.SECOND_OUTLET, null);
        String otherOld = post(otherToken, agent);
        Api.awaitFinished(otherToken, otherOld).body("status", equalTo("completed"));
        String flow = """
                {"name": "%s", "agents": ["%s"], "nodes": [{"id": "start", "type": "start"},
                 {"id": "mark", "type": "set_variable", "assignments": {"seen": true}}],
                 "edges": [{"from": "start", "to": "mark"}]}""".formatted(agent, agent);
        int flowId = as(token).body(flow).post("/api/v1/flows").then().statusCode(201).extract().path("id");
        as(token).post("/api/v1/flows/{id}/publish", flowId).then().statusCode(200);

        List<String> old = List.of(post(token, agent), post(token, agent), post(token, agent));
        String recent = post(token, agent);
        for (String callId : old) {
            Api.awaitFinished(token, callId).body("status", equalTo("completed")).body("flow_runs", hasSize(1));
        }
        Api.awaitFinished(token, recent).body("status", equalTo("completed"));
        String stuck = post(token, agent);
        Api.awaitFinished(token, stuck);
        Instant longAgo = Instant.now().minus(Duration.ofDays(40));
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update call set created_at = :at where call_id in (:ids)")
                    .setParameter("at", longAgo).setParameter("ids", List.of(old.get(0), old.get(1), old.get(2), stuck, otherOld))
                    .executeUpdate();
            // An old call that never finished (its worker died, say) is not the pruner's to delete.
            em.createNativeQuery("update call set status = 'processing' where call_id = :id")
                    .setParameter("id", stuck).executeUpdate();
        });

        int deleted = pruner.prune(Instant.now().minus(Duration.ofDays(30)));

        assertThat(deleted).isGreaterThanOrEqualTo(4);
        for (String callId : old) {
            as(token).get("/api/v1/calls/{id}", callId).then().statusCode(404);
        }
        as(otherToken).get("/api/v1/calls/{id}", otherOld).then().statusCode(404);
        as(token).get("/api/v1/calls/{id}", recent).then().statusCode(200).body("flow_runs", hasSize(1));
        as(token).get("/api/v1/calls/{id}", stuck).then().statusCode(200);
        assertThat(database.countOrphans()).isZero();
        assertThat(pruner.prune(Instant.now().minus(Duration.ofDays(30)))).isZero();
    }

    /**
     * On PostgreSQL a job has no foreign key to its call (V16_2): a job queued for an old finished call (a delivery
     * sent again, say) locks the call as the key's check did, so retention leaves that call to a later round.
     */
    @Test
    void aCallAJobIsBeingQueuedForIsLeftToALaterRound() throws Exception {
        assumeFalse(database.isH2(), "H2 keeps the key; the lock is PostgreSQL's");
        String token = tokens.mint(1, null);
        String callId = post(token, "retention-lock-" + UUID.randomUUID());
        Api.awaitFinished(token, callId).body("status", equalTo("completed"));
        long callPk = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("update call set created_at = :at where call_id = :id")
                    .setParameter("at", Instant.now().minus(Duration.ofDays(40))).setParameter("id", callId)
                    .executeUpdate();
            return ((Number) em.createNativeQuery("select pk from call where call_id = :id")
                    .setParameter("id", callId).getSingleResult()).longValue();
        });
        CountDownLatch queued = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Long> job = other.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                // Due in a year, so the worker leaves it alone; what matters is the transaction it is queued in.
                long pk = jobs.enqueue(JobEntity.PROCESS_CALL, callPk, null, Instant.now().plus(Duration.ofDays(365)));
                queued.countDown();
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                return pk;
            }));
            assertThat(queued.await(30, TimeUnit.SECONDS)).isTrue();

            pruner.prune(Instant.now().minus(Duration.ofDays(30)));

            as(token).get("/api/v1/calls/{id}", callId).then().statusCode(200);
            release.countDown();
            long jobPk = job.get(30, TimeUnit.SECONDS);
            assertThat(database.countJobsOfCallPk(callPk)).isEqualTo(1);
            assertThat(jobPk).isPositive();
        } finally {
            release.countDown();
            other.shutdownNow();
        }
        // The next round takes the call and its queued job together.
        pruner.prune(Instant.now().minus(Duration.ofDays(30)));
        as(token).get("/api/v1/calls/{id}", callId).then().statusCode(404);
        assertThat(database.countJobsOfCallPk(callPk)).isZero();
        assertThat(database.countOrphans()).isZero();
    }

    private static String post(String token, String agent) {
        String callId = "ret-" + UUID.randomUUID();
        as(token).body(Map.of("call_id", callId, "agent", agent, "call_duration", 30)).post("/api/v1/calls")
                .then().statusCode(202);
        return callId;
    }
}
