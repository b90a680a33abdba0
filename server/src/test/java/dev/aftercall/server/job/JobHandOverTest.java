package dev.aftercall.server.job;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.support.Api;
import dev.aftercall.server.support.Eventually;
import dev.aftercall.server.support.TestStage;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.aftercall.server.support.Api.as;
import static dev.aftercall.server.support.Api.call;
import static dev.aftercall.server.support.Api.newCallId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A call posted while the worker has a free slot and nothing waits in the queue is stored running and handed to the
 * worker (no claim); otherwise it is queued and claimed in turn. Two slots make both cases easy to reach.
 */
@QuarkusTest
@TestProfile(JobHandOverTest.TwoSlots.class)
class JobHandOverTest {
    public static class TwoSlots implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A long poll: the claimer claims only when woken (a call queued, a job finished), so no idle poll
            // holds a slot at the moment a call is posted.
            // No admission wait: a call posted while both slots are busy is queued at once (IntakeAdmissionTest
            // covers the wait).
            return Map.of("aftercall.jobs.concurrency", "2", "aftercall.jobs.poll-interval", "30s",
                    "aftercall.jobs.intake-wait", "0s");
        }
    }

    @Inject
    Tokens tokens;

    @Inject
    TestStage stage;

    @Inject
    MeterRegistry metrics;

    String token;

    @BeforeEach
    void signIn() {
        token = tokens.mint(1, null);
    }

    @Test
    void aCallPostedToAnIdleWorkerIsHandedOverAndQueuedOnesWaitTheirTurn() {
        String first = newCallId();
        String second = newCallId();
        String waiting = newCallId();
        try {
            double before = handedOver();
            post(first, TestStage.HELD_AGENT);
            post(second, TestStage.HELD_AGENT);
            Eventually.await(Duration.ofSeconds(20), () -> stage.runs(first) + stage.runs(second), runs -> runs == 2);
            assertThat(handedOver() - before).as("both went straight to a free slot").isEqualTo(2);
            as(token).get("/api/v1/calls/{id}", first).then().body("status", equalTo("processing"));

            // Both slots held: the next call is queued, and stays so until a slot frees.
            post(waiting, "agent-hand-over");
            as(token).get("/api/v1/calls/{id}", waiting).then().body("status", equalTo("queued"));
            assertThat(stage.runs(waiting)).isZero();
            assertThat(handedOver() - before).isEqualTo(2);

            stage.release(first);
            Api.awaitFinished(token, waiting).body("status", equalTo("completed")).body("attempts", equalTo(1));
            assertThat(handedOver() - before).as("the queued call was claimed, not handed over").isEqualTo(2);
        } finally {
            stage.release(first);
            stage.release(second);
        }
        Api.awaitFinished(token, first).body("status", equalTo("completed")).body("attempts", equalTo(1));
        Api.awaitFinished(token, second).body("status", equalTo("completed")).body("attempts", equalTo(1));

        // The queue drained (a claim came back short): new calls are handed over again.
        double before = handedOver();
        Eventually.await(Duration.ofSeconds(20), () -> {
            String callId = newCallId();
            post(callId, "agent-hand-over");
            Api.awaitFinished(token, callId).body("status", equalTo("completed"));
            return handedOver() - before;
        }, handed -> handed >= 1);
    }

    private void post(String callId, String agent) {
        as(token).body(call(callId, agent)).post("/api/v1/calls").then().statusCode(202)
                .body("status", equalTo("queued"));
    }

    private double handedOver() {
        return metrics.counter("aftercall.jobs.handed_over").count();
    }
}
