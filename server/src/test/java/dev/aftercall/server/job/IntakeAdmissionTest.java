package dev.aftercall.server.job;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.support.Api;
import dev.aftercall.server.support.Eventually;
import dev.aftercall.server.support.TestStage;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.aftercall.server.support.Api.as;
import static dev.aftercall.server.support.Api.call;
import static dev.aftercall.server.support.Api.newCallId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Admission control: a call posted while every slot is busy waits for one ({@code aftercall.jobs.intake-wait}) and
 * is answered once it has it, then handed over; one that waits in vain is answered after the wait, queued; a
 * platform's webhook waits the same way (its answer, not a thread). One slot and a 3 s wait make the cases easy to
 * reach.
 */
@QuarkusTest
@TestProfile(IntakeAdmissionTest.OneSlot.class)
class IntakeAdmissionTest {
    private static final Duration WAIT = Duration.ofSeconds(3);

    public static class OneSlot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A long poll: the claimer claims only when woken, so no idle poll holds the slot when a call is posted.
            return Map.of("aftercall.jobs.concurrency", "1", "aftercall.jobs.poll-interval", "30s",
                    "aftercall.jobs.intake-wait", WAIT.toMillis() + "ms");
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
    void aCallPostedWhileTheSlotIsBusyIsAnsweredWhenTheSlotFreesAndHandedOver() throws Exception {
        String holder = newCallId();
        String next = newCallId();
        try {
            holdTheSlot(holder);
            double handedBefore = handedOver();
            double admittedBefore = waited("slot");

            CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> post(next, "agent-admission"));
            Thread.sleep(500);
            assertThat(answer).as("no answer while the only slot is busy").isNotDone();
            assertThat(as(token).get("/api/v1/calls/{id}", next).statusCode()).as("nothing stored yet").isEqualTo(404);

            stage.release(holder);
            answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).then().statusCode(202).body("status", equalTo("queued"));
            Api.awaitFinished(token, next).body("status", equalTo("completed")).body("attempts", equalTo(1));
            assertThat(handedOver() - handedBefore).as("the freed slot went to the waiting call").isEqualTo(1);
            assertThat(waited("slot") - admittedBefore).isEqualTo(1);
        } finally {
            stage.release(holder);
        }
    }

    @Test
    void aCallThatWaitsInVainIsQueuedAfterTheWaitAndRunsOnceTheSlotFrees() {
        String holder = newCallId();
        String waiting = newCallId();
        try {
            holdTheSlot(holder);
            double queuedBefore = waited("queued");

            long started = System.nanoTime();
            post(waiting, "agent-admission").then().statusCode(202).body("status", equalTo("queued"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered after the wait, not before")
                    .isGreaterThanOrEqualTo(WAIT.minusMillis(100));
            as(token).get("/api/v1/calls/{id}", waiting).then().body("status", equalTo("queued"));
            assertThat(waited("queued") - queuedBefore).isEqualTo(1);
            assertThat(stage.runs(waiting)).isZero();

            stage.release(holder);
            Api.awaitFinished(token, waiting).body("status", equalTo("completed")).body("attempts", equalTo(1));
        } finally {
            stage.release(holder);
        }
    }

    @Test
    void aPlatformsWebhookWaitsForASlotTheSameWay() throws Exception {
        String url = as(token).body(Map.of("platform", "generic")).post("/api/v1/intake-tokens").then().statusCode(201)
                .extract().path("url");
        String hook = url.substring(url.indexOf("/hooks/"));
        String holder = newCallId();
        String next = newCallId();
        try {
            holdTheSlot(holder);
            double handedBefore = handedOver();

            CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> given()
                    .contentType("application/json").body(call(next, "agent-admission")).post(hook));
            Thread.sleep(500);
            assertThat(answer).as("no answer while the only slot is busy").isNotDone();

            stage.release(holder);
            answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).then().statusCode(202).body("status", equalTo("queued"));
            Api.awaitFinished(token, next).body("status", equalTo("completed"));
            assertThat(handedOver() - handedBefore).isEqualTo(1);
        } finally {
            stage.release(holder);
        }
    }

    /** Posts a call that takes the only slot and keeps it until {@code stage.release(callId)}. */
    private void holdTheSlot(String callId) {
        post(callId, TestStage.HELD_AGENT).then().statusCode(202);
        Eventually.await(Duration.ofSeconds(20), () -> stage.runs(callId), runs -> runs == 1);
    }

    private Response post(String callId, String agent) {
        return as(token).body(call(callId, agent)).post("/api/v1/calls");
    }

    private double handedOver() {
        return metrics.counter("aftercall.jobs.handed_over").count();
    }

    private double waited(String outcome) {
        return metrics.counter("aftercall.intake.waited", "outcome", outcome).count();
    }
}
