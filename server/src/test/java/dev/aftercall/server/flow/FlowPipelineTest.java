package dev.aftercall.server.flow;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.http.StubTarget;
import dev.aftercall.server.pipeline.CallWork;
import dev.aftercall.server.support.Api;
import dev.aftercall.server.support.Eventually;
import dev.aftercall.server.support.TestDatabase;
import dev.aftercall.server.support.TestStage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A posted call runs the outlet's published flows, durably, with a trace in the call's detail. */
@QuarkusTest
class FlowPipelineTest {
    @Inject
    Tokens tokens;

    @Inject
    FlowStage stage;

    @Inject
    FlowRunFixtures fixtures;

    @Inject
    TestStage testStage;

    @Inject
    TestDatabase database;

    @Inject
    MeterRegistry metrics;

    String token;
    String agent;
    StubTarget target;

    @BeforeEach
    void setUp() {
        token = tokens.mint(1, null);
        agent = "pipeline-" + UUID.randomUUID();
        target = StubTarget.start().answer(StubTarget.Answer.json(201, "{\"ticket\":{\"id\":\"T-42\"}}"));
    }

    @AfterEach
    void tearDown() {
        target.close();
    }

    private int publishHelpdesk(String authProfile) {
        var flow = SampleFlows.helpdesk("helpdesk " + agent, target.url("/api/tickets"), authProfile, List.of(agent));
        int id = as(token).body(flow.toString()).post("/api/v1/flows").then().statusCode(201).extract().path("id");
        as(token).post("/api/v1/flows/{id}/publish", id).then().statusCode(200);
        return id;
    }

    private String postCall(String callAgent, String disposition) {
        String callId = "call-" + UUID.randomUUID();
        as(token).body(SampleFlows.call(callId, callAgent, disposition)).post("/api/v1/calls").then().statusCode(202);
        return callId;
    }

    /**
     * The flows stage leaves its last save to be committed with what follows; a later stage with work to do (the
     * test stage, holding the call) must find it committed before it starts.
     */
    @Test
    void aStageAfterFlowsStartsOnlyOnceTheLastRunIsStored() {
        agent = TestStage.HELD_AGENT + "-" + UUID.randomUUID();
        publishHelpdesk(null);
        String callId = postCall(agent, "escalated");
        try {
            Eventually.await(Duration.ofSeconds(20), () -> testStage.runs(callId), runs -> runs == 1);
            as(token).get("/api/v1/calls/{id}", callId).then()
                    .body("status", equalTo("processing"))
                    .body("flow_runs", hasSize(1))
                    .body("flow_runs[0].status", equalTo("completed"))
                    .body("flow_runs[0].variables.external_ticket_id", equalTo("T-42"));
        } finally {
            testStage.release(callId);
        }
        Api.awaitFinished(token, callId).body("status", equalTo("completed")).body("flow_runs", hasSize(1));
        assertThat(target.requests()).hasSize(1);
    }

    /**
     * A run whose job's lease went to another process meanwhile leaves its last save undone: the process that took
     * the job over runs the call again, resuming from the checkpoint saved after the request (so the ticket is not
     * asked for twice), and its save is the one that stands. (On PostgreSQL this also keeps a run from being finished
     * for a call that retention deleted meanwhile: flow_run has no foreign key to call there, V16_2.)
     */
    @Test
    void aRunThatLostItsLeaseLeavesItsLastSaveToTheProcessThatTookTheJobOver() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        target.answer(received -> {
            asked.countDown();
            try {
                answer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return StubTarget.Answer.json(201, "{\"ticket\":{\"id\":\"T-42\"}}");
        });
        int flowId = publishHelpdesk(null);
        String callId = postCall(agent, "escalated");
        assertThat(asked.await(20, TimeUnit.SECONDS)).isTrue();
        // While the ticket request waits for its answer, the job's lease goes to another process (this one stalled).
        database.leaseJob(1, callId, "another-process", Instant.now().plus(Duration.ofMinutes(5)));
        double lost = leasesLost();
        answer.countDown();

        Eventually.await(Duration.ofSeconds(20), this::leasesLost, count -> count > lost);
        as(token).get("/api/v1/calls/{id}", callId).then()
                .body("status", equalTo("processing"))
                .body("flow_runs", hasSize(1))
                .body("flow_runs[0].status", equalTo("running"))
                .body("flow_runs[0].variables.ticket_id", equalTo("T-42"));

        // The other process's lease runs out; the job goes back to the queue and runs again here.
        database.leaseJob(1, callId, "another-process", Instant.now().minusSeconds(1));
        Api.awaitFinished(token, callId).body("status", equalTo("completed"))
                .body("flow_runs", hasSize(1))
                .body("flow_runs[0].status", equalTo("completed"));
        assertThat(target.requests()).singleElement()
                .satisfies(request -> assertThat(request.header("Idempotency-Key"))
                        .isEqualTo(callId + ":" + flowId + ":ticket"));
    }

    private double leasesLost() {
        Counter counter = metrics.find("aftercall.jobs.completed").tags("kind", "process_call", "status", "lease_lost")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anEscalatedCallOpensOneTicketAndTheCallShowsTheRun() {
        String secret = "tok-" + UUID.randomUUID();
        String profile = "helpdesk-" + UUID.randomUUID();
        as(token).body(Map.of("name", profile, "type", "bearer", "token", secret))
                .post("/api/v1/auth-profiles").then().statusCode(201);
        int flowId = publishHelpdesk(profile);

        String callId = postCall(agent, "escalated");

        String detail = Api.awaitFinished(token, callId)
                .body("status", equalTo("completed"))
                .body("flow_runs", hasSize(1))
                .body("flow_runs[0].flow_id", equalTo(flowId))
                .body("flow_runs[0].flow_name", equalTo("helpdesk " + agent))
                .body("flow_runs[0].version", equalTo(1))
                .body("flow_runs[0].status", equalTo("completed"))
                .body("flow_runs[0].finished_at", notNullValue())
                .body("flow_runs[0].steps.node", contains("start", "escalated", "ticket", "keep"))
                .body("flow_runs[0].steps[2].request.body.subject", equalTo("Call " + callId))
                .body("flow_runs[0].steps[2].request.headers.Authorization", equalTo("***"))
                .body("flow_runs[0].steps[2].response.status", equalTo(201))
                .body("flow_runs[0].variables.external_ticket_id", equalTo("T-42"))
                .extract().asString();

        // The row was written at the checkpoint after "ticket", and still says when the run began: at its first node.
        JsonPath run = JsonPath.from(detail);
        Instant started = Instant.parse(run.getString("flow_runs[0].started_at"));
        Instant firstNode = Instant.parse(run.getString("flow_runs[0].steps[0].started_at"));
        assertThat(Duration.between(firstNode, started).abs()).isLessThan(Duration.ofMillis(1));

        assertThat(target.requests()).hasSize(1);
        StubTarget.Received received = target.requests().get(0);
        assertThat(received.header("Idempotency-Key")).isEqualTo(callId + ":" + flowId + ":ticket");
        assertThat(received.header("Authorization")).isEqualTo("Bearer " + secret);
        assertThat(detail).doesNotContain(secret);
    }

    @Test
    void aFlowOnlyRunsForTheAgentsItLists() {
        publishHelpdesk(null);

        String callId = postCall("someone-else-" + UUID.randomUUID(), "escalated");

        Api.awaitFinished(token, callId).body("status", equalTo("completed")).body("flow_runs", empty());
        assertThat(target.requests()).isEmpty();
    }

    @Test
    void aFailingFlowIsRecordedAndTheCallStillCompletes() {
        target.answer(StubTarget.Answer.json(500, "{\"error\":\"boom\"}"));
        publishHelpdesk(null);

        String callId = postCall(agent, "escalated");

        Api.awaitFinished(token, callId)
                .body("status", equalTo("completed"))
                .body("flow_runs[0].status", equalTo("failed"))
                .body("flow_runs[0].error", containsString("500"))
                .body("flow_runs[0].steps[2].attempts", equalTo(3));
    }

    @Test
    void aDeletedFlowStopsRunningButItsRunsStayOnTheCall() {
        int flowId = publishHelpdesk(null);
        String before = postCall(agent, "escalated");
        Api.awaitFinished(token, before).body("flow_runs", hasSize(1));

        as(token).delete("/api/v1/flows/{id}", flowId).then().statusCode(204);
        String after = postCall(agent, "escalated");

        Api.awaitFinished(token, after).body("status", equalTo("completed")).body("flow_runs", empty());
        as(token).get("/api/v1/calls/{id}", before).then().body("flow_runs[0].flow_id", equalTo(flowId));
        assertThat(target.requests()).hasSize(1);
    }

    @Test
    void anInterruptedRunResumesAtItsNodeAndAFinishedRunIsNotRepeated() {
        int flowId = publishHelpdesk(null);
        String callId = postCall("elsewhere-" + UUID.randomUUID(), "escalated");
        Api.awaitFinished(token, callId).body("flow_runs", empty());
        CallWork work = fixtures.work(1, callId);
        long runPk = fixtures.interruptedRun(work, flowId, 1, "ticket");

        for (int run = 0; run < 2; run++) {
            stage.run(work).toCompletableFuture().join();
            fixtures.commitLeftWrites(work); // as the pipeline would: the run's last save
        }

        FlowRunEntity run = fixtures.run(runPk);
        assertThat(run.status).isEqualTo("completed");
        assertThat(run.finishedAt).isNotNull();
        assertThat(run.state).contains("\"node\":\"ticket\"").contains("\"node\":\"keep\"")
                .doesNotContain("\"node\":\"escalated\"");
        assertThat(target.requests()).hasSize(1);
        assertThat(target.requests().get(0).header("Idempotency-Key")).isEqualTo(callId + ":" + flowId + ":ticket");
    }
}
