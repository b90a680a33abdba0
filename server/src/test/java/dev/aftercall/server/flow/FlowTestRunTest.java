package dev.aftercall.server.flow;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.http.StubTarget;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/flows/{id}/test-run}: a real run against a real target, nothing saved. */
@QuarkusTest
class FlowTestRunTest {
    @Inject
    Tokens tokens;

    @Inject
    EntityManager em;

    String token;
    StubTarget target;

    @BeforeEach
    void setUp() {
        token = tokens.mint(1, null);
        target = StubTarget.start().answer(StubTarget.Answer.json(201, "{\"ticket\":{\"id\":\"T-9\"}}"));
    }

    @AfterEach
    void tearDown() {
        target.close();
    }

    private int createHelpdesk(String authProfile) {
        ObjectNode flow = SampleFlows.helpdesk("test-run " + UUID.randomUUID(), target.url("/api/tickets"),
                authProfile, List.of("test-run-" + UUID.randomUUID()));
        return as(token).body(flow.toString()).post("/api/v1/flows").then().statusCode(201).extract().path("id");
    }

    @Test
    @Transactional
    void anEscalatedSampleCallOpensATicketAndTheTraceShowsTheRequestTheTargetReceived() {
        int id = createHelpdesk(null);

        JsonPath run = as(token).body(Map.of("call", SampleFlows.call("c-100", "agent-x", "escalated")))
                .post("/api/v1/flows/{id}/test-run", id).then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("error", nullValue())
                .body("version", nullValue())
                .body("steps.node", contains("start", "escalated", "ticket", "keep"))
                .body("steps[1].port", equalTo("yes"))
                .body("steps[2].port", equalTo("ok"))
                .body("steps[2].request.method", equalTo("POST"))
                .body("steps[2].request.url", endsWith("/api/tickets?source=voice"))
                .body("steps[2].request.body.subject", equalTo("Call c-100"))
                .body("steps[2].request.body.duration", equalTo(93))
                .body("steps[2].response.status", equalTo(201))
                .body("variables.ticket_id", equalTo("T-9"))
                .body("variables.external_ticket_id", equalTo("T-9"))
                .extract().jsonPath();

        assertThat(target.requests()).hasSize(1);
        StubTarget.Received received = target.requests().get(0);
        assertThat(received.query()).isEqualTo("source=voice");
        assertThat(received.body()).contains("\"subject\":\"Call c-100\"")
                .contains("\"summary\":\"Order never arrived; caller asked for a human.\"");
        assertThat(received.header("Idempotency-Key")).isEqualTo(run.getString("steps[2].request.headers.'Idempotency-Key'"))
                .startsWith(run.getString("run_key"));
        Number saved = (Number) em.createNativeQuery("select count(*) from flow_run where run_key like 'test-run:%'")
                .getSingleResult();
        assertThat(saved.longValue()).isZero();
    }

    @Test
    void aCallThatWasNotEscalatedTakesTheNoBranchAndSendsNothing() {
        int id = createHelpdesk(null);

        as(token).body(Map.of("call", SampleFlows.call("c-101", "agent-x", "interested")))
                .post("/api/v1/flows/{id}/test-run", id).then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("steps.node", contains("start", "escalated"))
                .body("steps[1].port", equalTo("no"));

        assertThat(target.requests()).isEmpty();
    }

    @Test
    void aTargetThatKeepsFailingFailsTheRunAfterItsRetries() {
        target.answer(StubTarget.Answer.json(503, "{\"error\":\"down\"}"));
        int id = createHelpdesk(null);

        as(token).body(Map.of("call", SampleFlows.call("c-102", "agent-x", "escalated")))
                .post("/api/v1/flows/{id}/test-run", id).then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("error", containsString("503"))
                .body("steps[2].attempts", equalTo(3));

        assertThat(target.requests()).hasSize(3);
        assertThat(target.requests().stream().map(r -> r.header("Idempotency-Key")).distinct()).hasSize(1);
    }

    @Test
    void aStoredCallCanBeReplayedAndAPublishedVersionChosen() {
        int id = createHelpdesk(null);
        as(token).post("/api/v1/flows/{id}/publish", id).then().statusCode(200);
        String callId = "stored-" + UUID.randomUUID();
        as(token).body(SampleFlows.call(callId, "nobody-" + UUID.randomUUID(), "escalated"))
                .post("/api/v1/calls").then().statusCode(202);

        as(token).body(Map.of("call_id", callId, "version", 1)).post("/api/v1/flows/{id}/test-run", id).then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("version", equalTo(1))
                .body("steps[2].request.body.subject", equalTo("Call " + callId));
    }

    @Test
    void aTestRunNeedsACall() {
        int id = createHelpdesk(null);

        as(token).body(Map.of()).post("/api/v1/flows/{id}/test-run", id).then()
                .statusCode(400).body("field", equalTo("call"));
        as(token).body(Map.of("call_id", "no-such-call")).post("/api/v1/flows/{id}/test-run", id).then()
                .statusCode(404).body("field", equalTo("call_id"));
        as(token).body(Map.of("call", Map.of(), "version", 4)).post("/api/v1/flows/{id}/test-run", id).then()
                .statusCode(404).body("field", equalTo("version"));
    }

    @Test
    void theBearerTokenReachesTheTargetButNeverTheTrace() {
        String secret = "tok-" + UUID.randomUUID();
        String profile = "helpdesk-" + UUID.randomUUID();
        as(token).body(Map.of("name", profile, "type", "bearer", "token", secret))
                .post("/api/v1/auth-profiles").then().statusCode(201);
        int id = createHelpdesk(profile);

        String trace = as(token).body(Map.of("call", SampleFlows.call("c-103", "agent-x", "escalated")))
                .post("/api/v1/flows/{id}/test-run", id).then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("steps[2].request.headers.Authorization", equalTo("***"))
                .extract().asString();

        assertThat(target.requests().get(0).header("Authorization")).isEqualTo("Bearer " + secret);
        assertThat(trace).doesNotContain(secret);
    }

    @Test
    void aMissingAuthProfileFailsTheRunWithItsName() {
        int id = createHelpdesk("no-such-profile");

        as(token).body(Map.of("call", SampleFlows.call("c-104", "agent-x", "escalated")))
                .post("/api/v1/flows/{id}/test-run", id).then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("error", containsString("no-such-profile"));
        assertThat(target.requests()).isEmpty();
    }
}
