package dev.aftercall.server.flow;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.http.StubTarget;
import dev.aftercall.server.support.Api;
import dev.aftercall.server.support.Eventually;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A target down past a node's last retry: the run is failed and listed; once the target is back, a retry by API
 * finishes it from the failed node, with the same Idempotency-Key on every attempt.
 */
@QuarkusTest
class FlowRunRetryTest {
    @Inject
    Tokens tokens;

    @Inject
    TestDatabase database;

    String token;
    String agent;
    StubTarget target;

    @BeforeEach
    void setUp() {
        token = tokens.mint(1, null);
        agent = "retry-" + UUID.randomUUID();
        target = StubTarget.start().answer(StubTarget.Answer.json(503, "{\"error\":\"down\"}"));
    }

    @AfterEach
    void tearDown() {
        target.close();
    }

    @Test
    void aRunThatGaveUpIsListedAndFinishesWhenRetriedAfterTheTargetRecovers() {
        var flow = SampleFlows.helpdesk("retry " + agent, target.url("/api/tickets"), null, List.of(agent));
        int flowId = as(token).body(flow.toString()).post("/api/v1/flows").then().statusCode(201).extract().path("id");
        as(token).post("/api/v1/flows/{id}/publish", flowId).then().statusCode(200);
        String callId = "call-" + UUID.randomUUID();
        as(token).body(SampleFlows.call(callId, agent, "escalated")).post("/api/v1/calls").then().statusCode(202);

        int runId = Api.awaitFinished(token, callId)
                .body("flow_runs[0].status", equalTo("failed"))
                .body("flow_runs[0].error", containsString("503"))
                .extract().path("flow_runs[0].id");
        as(token).get("/api/v1/flow-runs?status=failed&size=200").then().statusCode(200)
                .body("items.id", hasItem(runId));
        assertThat(target.requests()).hasSize(3);
        database.ensureOutlet(2, "Other outlet");
        String other = tokens.mint(2, null);
        as(other).get("/api/v1/flow-runs?status=failed&size=200").then().statusCode(200)
                .body("items.id", not(hasItem(runId)));
        as(other).post("/api/v1/flow-runs/{id}/retry", runId).then().statusCode(404);

        target.answer(StubTarget.Answer.json(201, "{\"ticket\":{\"id\":\"T-9\"}}"));
        as(token).post("/api/v1/flow-runs/{id}/retry", runId).then().statusCode(202).body("status", equalTo("running"));

        Eventually.await(Duration.ofSeconds(20),
                () -> as(token).get("/api/v1/calls/{id}", callId).then().extract().<String>path("flow_runs[0].status"),
                "completed"::equals);
        as(token).get("/api/v1/calls/{id}", callId).then()
                .body("status", equalTo("completed"))
                .body("flow_runs[0].variables.external_ticket_id", equalTo("T-9"))
                .body("flow_runs[0].steps.node", equalTo(List.of("start", "escalated", "ticket", "keep")));
        Set<String> keys = target.requests().stream().map(r -> r.header("Idempotency-Key")).collect(Collectors.toSet());
        assertThat(target.requests()).hasSize(4);
        assertThat(keys).containsExactly(callId + ":" + flowId + ":ticket");
    }

    @Test
    void anUnknownRunIs404AndAnUnknownStatusIs400() {
        as(token).post("/api/v1/flow-runs/{id}/retry", 987654321).then().statusCode(404);
        as(token).get("/api/v1/flow-runs?status=bogus").then().statusCode(400).body("field", equalTo("status"));
    }
}
