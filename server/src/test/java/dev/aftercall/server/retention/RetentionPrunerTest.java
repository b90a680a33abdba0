package dev.aftercall.server.retention;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.aftercall.server.auth.Tokens;
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
        long orphanRuns = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from flow_run r where not exists (select 1 from call c where c.pk = r.call_pk)")
                .getSingleResult()).longValue());
        assertThat(orphanRuns).isZero();
        assertThat(pruner.prune(Instant.now().minus(Duration.ofDays(30)))).isZero();
    }

    private static String post(String token, String agent) {
        String callId = "ret-" + UUID.randomUUID();
        as(token).body(Map.of("call_id", callId, "agent", agent, "call_duration", 30)).post("/api/v1/calls")
                .then().statusCode(202);
        return callId;
    }
}
