package dev.aftercall.server.job;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.support.Api;
import dev.aftercall.server.support.Eventually;
import dev.aftercall.server.support.TestDatabase;
import dev.aftercall.server.support.TestStage;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.aftercall.server.support.Api.as;
import static dev.aftercall.server.support.Api.call;
import static dev.aftercall.server.support.Api.newCallId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class JobProcessingTest {
    @Inject
    Tokens tokens;

    @Inject
    TestDatabase database;

    @Inject
    TestStage stage;

    String token;

    @BeforeEach
    void signIn() {
        token = tokens.mint(1, null);
    }

    @Test
    void aPostedCallIsProcessedToCompleted() {
        String callId = newCallId();
        as(token).body(call(callId, TestStage.COUNTED_AGENT)).post("/api/v1/calls").then().statusCode(202);

        Api.awaitFinished(token, callId)
                .body("status", equalTo("completed"))
                .body("completed_at", notNullValue())
                .body("error", nullValue())
                .body("attempts", equalTo(1))
                .body("results", equalTo(Map.of()));
        assertThat(stage.runs(callId)).isEqualTo(1);
    }

    @Test
    void claimedCallsAreProcessingWhileTheirStagesRun() {
        List<String> callIds = IntStream.range(0, 12).mapToObj(i -> newCallId()).toList();
        try {
            // Posted together, so one claim takes several of them.
            callIds.parallelStream().forEach(callId ->
                    as(token).body(call(callId, TestStage.HELD_AGENT)).post("/api/v1/calls").then().statusCode(202));
            Eventually.await(Duration.ofSeconds(20), () -> callIds.stream().filter(id -> stage.runs(id) == 1).count(),
                    started -> started == callIds.size());
            for (String callId : callIds) {
                as(token).get("/api/v1/calls/" + callId).then().body("status", equalTo("processing"));
            }
        } finally {
            callIds.forEach(stage::release);
        }
        for (String callId : callIds) {
            Api.awaitFinished(token, callId).body("status", equalTo("completed")).body("attempts", equalTo(1));
        }
    }

    @Test
    void aFailingStageIsRetriedUntilItSucceeds() {
        String callId = newCallId();
        as(token).body(call(callId, TestStage.FLAKY_AGENT)).post("/api/v1/calls").then().statusCode(202);

        Api.awaitFinished(token, callId)
                .body("status", equalTo("completed"))
                .body("error", nullValue())
                .body("attempts", equalTo(2));
        assertThat(stage.runs(callId)).isEqualTo(2);
    }

    @Test
    void aCallThatKeepsFailingIsMarkedFailedAndCanBeRetried() {
        String callId = newCallId();
        as(token).body(call(callId, TestStage.FAILING_AGENT)).post("/api/v1/calls").then().statusCode(202);

        Api.awaitFinished(token, callId)
                .body("status", equalTo("failed"))
                .body("error", equalTo("test-stage: planned failure, run 3"))
                .body("attempts", equalTo(3));
        assertThat(stage.runs(callId)).isEqualTo(3);

        stage.heal(callId);
        as(token).post("/api/v1/calls/{id}/retry", callId).then()
                .statusCode(202)
                .body("status", equalTo("queued"));
        Api.awaitFinished(token, callId)
                .body("status", equalTo("completed"))
                .body("error", nullValue());
        assertThat(stage.runs(callId)).isEqualTo(4);
    }

    @Test
    void onlyAFailedCallCanBeRetried() {
        String callId = newCallId();
        as(token).body(call(callId, "agent-jobs")).post("/api/v1/calls").then().statusCode(202);
        Api.awaitFinished(token, callId).body("status", equalTo("completed"));

        as(token).post("/api/v1/calls/{id}/retry", callId).then()
                .statusCode(409)
                .body("error", containsString("is completed"));
    }

    /** A job row of a claimed call, or the call row itself for a call intake handed over (V17). */
    @ParameterizedTest(name = "lease on the call row: {0}")
    @ValueSource(booleans = {false, true})
    void aJobLeftRunningByAKilledWorkerIsResumedAfterItsLeaseExpires(boolean onCallRow) {
        String callId = newCallId();
        database.insertAbandonedCall(1, callId, onCallRow);

        Api.awaitFinished(token, callId)
                .body("status", equalTo("completed"))
                .body("attempts", equalTo(2));
        assertThat(stage.runs(callId)).isEqualTo(1);
        assertThat(database.countJobs(1, callId)).as("its job finished and was deleted").isZero();
    }

    @Test
    void metricsReportCallsJobsQueueAndLatency() {
        String callId = newCallId();
        as(token).body(call(callId, "agent-metrics")).post("/api/v1/calls").then().statusCode(202);
        Api.awaitFinished(token, callId).body("status", equalTo("completed"));

        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("aftercall_calls_received_total"))
                .body(containsString("aftercall_jobs_completed_total{kind=\"process_call\",status=\"done\"}"))
                .body(containsString("aftercall_queue_depth"))
                .body(containsString("aftercall_jobs_claimed_count"))
                .body(containsString("aftercall_call_processing_seconds_bucket"));
    }
}
