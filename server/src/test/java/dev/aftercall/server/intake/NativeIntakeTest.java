package dev.aftercall.server.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.http.StubTarget;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.support.Api;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static dev.aftercall.server.intake.Hooks.deliver;
import static dev.aftercall.server.intake.Hooks.fixture;
import static dev.aftercall.server.intake.Hooks.hookPath;
import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * Each platform's fixtures from {@code flows-examples/intake/}, delivered to its webhook URL, stored as calls and
 * run end to end through a published flow against a loopback CRM stub. Every test has an outlet of its own, so the
 * fixtures' fixed call ids never meet another test's.
 */
@QuarkusTest
class NativeIntakeTest {
    @Inject
    Tokens tokens;

    @Inject
    TestDatabase database;

    String jwt;
    StubTarget crm;

    @BeforeEach
    void setUp() {
        long outlet = ThreadLocalRandom.current().nextLong(10_000, 1_000_000_000);
        database.ensureOutlet(outlet, "intake " + outlet);
        jwt = tokens.mint(outlet, null);
        crm = StubTarget.start().answer(StubTarget.Answer.json(201, "{\"id\":\"crm-1\"}"));
        Hooks.publishCrmFlow(jwt, crm.url(""));
    }

    @AfterEach
    void tearDown() {
        crm.close();
    }

    private JsonNode onlyCrmRequest() {
        assertThat(crm.requests()).hasSize(1);
        return Json.tree(crm.requests().get(0).body());
    }

    @Test
    void aRetellCallAnalyzedRunsThroughThePublishedFlow() {
        String hook = hookPath(jwt, "retell", null);

        deliver(hook, fixture("retell", "call_analyzed")).statusCode(202)
                .body("status", equalTo("queued")).body("call_id", equalTo("Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6"));

        Api.awaitFinished(jwt, "Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6")
                .body("status", equalTo("completed"))
                .body("post_call.booking_confirmed", equalTo(true))
                .body("flow_runs[0].status", equalTo("completed"));
        JsonNode sent = onlyCrmRequest();
        assertThat(sent.path("call_id").asText()).isEqualTo("Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6");
        assertThat(sent.path("agent").asText()).isEqualTo("oBeDLoLOeuAbiuaMFXRtDOLriTJ5tSxD");
        assertThat(sent.path("duration").asDouble()).isEqualTo(93.45);
        assertThat(sent.path("connected").asBoolean()).isTrue();
        assertThat(sent.path("user_phone").asText()).isEqualTo("+12137771234");
        assertThat(sent.path("lead_id").asText()).isEqualTo("L-1042");
        assertThat(sent.path("customer_name").asText()).isEqualTo("Maria Lopez");
        assertThat(sent.path("hangup_reason").asText()).isEqualTo("user_hangup");
        assertThat(sent.path("summary").asText()).startsWith("Maria Lopez booked");
        assertThat(sent.path("analysis").path("party_size").asInt()).isEqualTo(2);
        assertThat(sent.path("transcript").asText()).startsWith("agent: Hi, this is Ava");
    }

    @Test
    void aRetellCallEndedThenCallAnalyzedRunsOnceWithTheAnalysis() throws InterruptedException {
        String hook = hookPath(jwt, "retell", null);
        String callId = "Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6";

        deliver(hook, fixture("retell", "call_ended")).statusCode(202).body("status", equalTo("queued"));
        Thread.sleep(500);
        as(jwt).get("/api/v1/calls/{id}", callId).then().body("status", equalTo("queued"));
        assertThat(crm.requests()).isEmpty();

        deliver(hook, fixture("retell", "call_analyzed")).statusCode(202).body("status", equalTo("queued"));

        Api.awaitFinished(jwt, callId)
                .body("status", equalTo("completed"))
                .body("post_call.booking_confirmed", equalTo(true))
                .body("call.summary", equalTo("Maria Lopez booked a table for two tomorrow at 8 pm."))
                .body("call.platform.event", equalTo("call_analyzed"));
        // Past the 3 s the call_ended would have waited: still one run, one request.
        Thread.sleep(3500);
        assertThat(onlyCrmRequest().path("analysis").path("booking_confirmed").asBoolean()).isTrue();
        as(jwt).get("/api/v1/intake-log?call_id={id}", callId).then()
                .body("items.outcome", contains("analysis_applied", "queued"))
                .body("items.event", contains("call_analyzed", "call_ended"));
        as(jwt).get("/api/v1/calls/{id}", callId).then()
                .body("intake.event", contains("call_ended", "call_analyzed"))
                .body("intake.outcome", contains("queued", "analysis_applied"));
    }

    @Test
    void aRetellCallEndedWithoutAnalysisRunsAfterTheWait() throws InterruptedException {
        String hook = hookPath(jwt, "retell", null);
        String callId = "call_8f2c9d1e0b7a4c55a1d3e6f7";
        long posted = System.nanoTime();

        deliver(hook, fixture("retell", "call_ended-outbound-voicemail")).statusCode(202);
        Thread.sleep(1000);
        assertThat(crm.requests()).isEmpty();

        Api.awaitFinished(jwt, callId).body("status", equalTo("completed"));
        assertThat(Duration.ofNanos(System.nanoTime() - posted)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        JsonNode sent = onlyCrmRequest();
        assertThat(sent.path("user_phone").asText()).isEqualTo("+14155550188");
        assertThat(sent.path("hangup_reason").asText()).isEqualTo("voicemail_reached");

        // The analysis after the run is too late: acknowledged, logged, nothing runs again.
        byte[] lateAnalysis = Hooks.text(fixture("retell", "call_analyzed"))
                .replace("Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6", callId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        deliver(hook, lateAnalysis).statusCode(200).body("status", equalTo("duplicate"));
        Thread.sleep(500);
        assertThat(crm.requests()).hasSize(1);
        as(jwt).get("/api/v1/calls/{id}", callId).then().body("call.platform.event", equalTo("call_ended"));
    }

    @Test
    void aDeliveryWithoutContentTypeIsReadToo() {
        String hook = hookPath(jwt, "vapi", null);

        io.restassured.RestAssured.given().body(fixture("vapi", "end-of-call-report-legacy")).post(hook).then()
                .statusCode(202).body("call_id", equalTo("7aa1e2c0-55d4-4b8e-a0b1-c2d3e4f50617"));
    }

    @Test
    void aVapiEndOfCallReportRunsOnceHoweverOftenItIsDelivered() {
        String hook = hookPath(jwt, "vapi", null);
        String callId = "5f4c2a9e-8b1d-4e7a-9c3f-2d6b1a0e7f44";

        deliver(hook, fixture("vapi", "end-of-call-report")).statusCode(202).body("call_id", equalTo(callId));
        deliver(hook, fixture("vapi", "end-of-call-report")).statusCode(200).body("status", equalTo("duplicate"));

        Api.awaitFinished(jwt, callId).body("status", equalTo("completed"))
                .body("post_call.renewal_outcome", equalTo("switched_to_yearly"));
        deliver(hook, fixture("vapi", "end-of-call-report")).statusCode(200).body("status", equalTo("duplicate"));
        JsonNode sent = onlyCrmRequest();
        assertThat(sent.path("duration").asDouble()).isEqualTo(94.75);
        assertThat(sent.path("user_phone").asText()).isEqualTo("+14155550123");
        assertThat(sent.path("lead_id").asText()).isEqualTo("L-3391");
        assertThat(sent.path("hangup_reason").asText()).isEqualTo("customer-ended-call");
        assertThat(sent.path("transcript").asText()).doesNotContain("renewals assistant"); // no system prompt
        as(jwt).get("/api/v1/calls").then().body("total", equalTo(1));
    }

    @Test
    void concurrentRetriesOfOneRetellCallRunItOnce() throws Exception {
        String hook = hookPath(jwt, "retell", null);
        String callId = "Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String event = i % 2 == 0 ? "call_ended" : "call_analyzed";
                answers.add(pool.submit(() -> Hooks.platform().body(fixture("retell", event)).post(hook)
                        .then().extract().statusCode()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertThat(answer.get()).isIn(200, 202);
            }
        } finally {
            pool.shutdown();
        }

        Api.awaitFinished(jwt, callId).body("status", equalTo("completed"));
        Thread.sleep(3500); // past the call_ended wait
        assertThat(crm.requests()).hasSize(1);
        as(jwt).get("/api/v1/calls").then().body("total", equalTo(1));
        as(jwt).get("/api/v1/intake-log").then().body("total", equalTo(16));
    }

    @Test
    void aBlandCallRunsThroughThePublishedFlowAndAVoicemailIsNotConnected() {
        String hook = hookPath(jwt, "bland", null);

        deliver(hook, fixture("bland", "call-completed")).statusCode(202);
        deliver(hook, fixture("bland", "call-voicemail")).statusCode(202);

        Api.awaitFinished(jwt, "c0f5e3a2-8d1b-4f6e-9a7c-3b2d1e0f9a8b").body("status", equalTo("completed"));
        Api.awaitFinished(jwt, "e9d8c7b6-a5f4-4e3d-8c2b-1a0f9e8d7c6b").body("status", equalTo("completed"));
        assertThat(crm.requests()).hasSize(2);
        JsonNode human = crm.requests().stream().map(r -> Json.tree(r.body()))
                .filter(b -> b.path("lead_id").asText().equals("L-5120")).findFirst().orElseThrow();
        JsonNode voicemail = crm.requests().stream().map(r -> Json.tree(r.body()))
                .filter(b -> b.path("lead_id").asText().equals("L-5121")).findFirst().orElseThrow();
        assertThat(human.path("duration").asDouble()).isEqualTo(75.0);
        assertThat(human.path("connected").asBoolean()).isTrue();
        assertThat(human.path("analysis").path("appointment_confirmed").asBoolean()).isTrue();
        assertThat(voicemail.path("connected").asBoolean()).isFalse();
        assertThat(voicemail.path("hangup_reason").asText()).isEqualTo("VOICEMAIL_DETECTED");
    }

    @Test
    void aGenericCallRunsLikeAPostedCall() {
        String hook = hookPath(jwt, "generic", null);

        deliver(hook, fixture("generic", "call")).statusCode(202).body("call_id", equalTo("gen-2026-08-03-0001"));

        Api.awaitFinished(jwt, "gen-2026-08-03-0001").body("status", equalTo("completed"));
        assertThat(onlyCrmRequest().path("analysis").path("interested").asBoolean()).isTrue();
    }

    @Test
    void eventsThatAreNotTheEndOfACallAreAcknowledgedAndIgnored() {
        for (List<String> event : List.of(List.of("retell", "call_started"), List.of("retell", "transcript_updated"),
                List.of("vapi", "status-update"), List.of("bland", "live-event"))) {
            deliver(hookPath(jwt, event.get(0), null), fixture(event.get(0), event.get(1)))
                    .statusCode(200).body("status", equalTo("ignored"));
        }

        as(jwt).get("/api/v1/calls").then().body("total", equalTo(0));
        as(jwt).get("/api/v1/intake-log?outcome=ignored").then().body("total", equalTo(4));
        assertThat(crm.requests()).isEmpty();
    }

    @Test
    void aPayloadWithoutACallIdIsRefusedNamingTheField() {
        String hook = hookPath(jwt, "retell", null);

        Hooks.platform().body("{\"event\": \"call_ended\", \"call\": {\"agent_id\": \"a\"}}").post(hook).then()
                .statusCode(400).body("field", equalTo("call.call_id"));
        Hooks.platform().body("not json").post(hook).then().statusCode(400);

        as(jwt).get("/api/v1/intake-log?outcome=invalid").then().body("total", equalTo(2));
    }
}
