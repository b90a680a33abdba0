package dev.aftercall.server.action;

import dev.aftercall.server.auth.OutletEntity;
import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.delivery.WebhookSignature;
import dev.aftercall.server.http.StubTarget;
import dev.aftercall.server.http.StubTarget.Answer;
import dev.aftercall.server.support.Api;
import dev.aftercall.server.support.Eventually;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.aftercall.server.support.Api.as;
import static dev.aftercall.server.support.Api.newCallId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class ActionTest {
    /** Seed 003's action, verbatim. */
    static final String SEED_SCHEDULE_CALL = """
            {
            "type": "schedule_call",
            "name": "Auto follow-up",
            "condition": { "field": "follow_up_required", "operator": "==", "value": true },
            "config": {
            "use_field": "follow_up_date",
            "fallback_delay_minutes": 1440,
            "from_number": "+908501234567"
            }
            }""";
    static final long KOLKATA_OUTLET = 3;

    static StubTarget target;

    @Inject
    Tokens tokens;

    @Inject
    TestDatabase database;

    String token;
    String agent;

    @BeforeAll
    static void startTarget() {
        target = StubTarget.start();
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    @BeforeEach
    void signIn() {
        token = tokens.mint(1, null);
        agent = "agent-" + UUID.randomUUID();
        target.answer(r -> Answer.json(200, "{}"));
    }

    private String postCall(String token, Map<String, Object> postCall) {
        String callId = newCallId();
        Map<String, Object> call = new HashMap<>(Api.call(callId, agent));
        call.put("post_call", postCall);
        as(token).body(call).post("/api/v1/calls").then().statusCode(202);
        return callId;
    }

    private JsonPath finished(String token, String callId) {
        return Api.awaitFinished(token, callId).body("status", equalTo("completed")).extract().jsonPath();
    }

    @Test
    void theSeedsScheduleCallActionIsAcceptedUnchanged() {
        as(token).body(SEED_SCHEDULE_CALL).put("/api/v1/agents/{agent}/actions", agent).then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].name", equalTo("Auto follow-up"))
                .body("[0].condition.value", equalTo(true))
                .body("[0].config.fallback_delay_minutes", equalTo(1440));
        as(token).get("/api/v1/agents/{agent}/actions", agent).then().statusCode(200)
                .body("[0].config.use_field", equalTo("follow_up_date"))
                .body("[0].config.from_number", equalTo("+908501234567"));
    }

    @Test
    void transferCallAndBrokenActionsAreRefusedNamingTheField() {
        as(token).body("[{\"type\": \"transfer_call\", \"name\": \"to human\", \"config\": {}}]")
                .put("/api/v1/agents/{agent}/actions", agent).then().statusCode(400)
                .body("error", containsString("during-call"))
                .body("field", equalTo("actions[0].type"));
        as(token).body("[{\"type\": \"webhook\", \"name\": \"crm\", \"config\": {\"url\": \"ftp://x\"}}]")
                .put("/api/v1/agents/{agent}/actions", agent).then().statusCode(400)
                .body("field", equalTo("actions[0].config.url"));
        as(token).body("[{\"type\": \"webhook\", \"name\": \"crm\", \"config\": {\"url\": \"https://x.example\"},"
                        + " \"condition\": {\"field\": \"a\", \"operator\": \"~~\", \"value\": 1}}]")
                .put("/api/v1/agents/{agent}/actions", agent).then().statusCode(400)
                .body("field", equalTo("actions[0].condition.operator"));
    }

    @Test
    void aWebhookRunsOnlyWhenItsConditionHoldsAndItsHeadersStayMasked() {
        String path = "/crm-" + UUID.randomUUID();
        as(token).body("""
                [{"type": "webhook", "name": "hot lead",
                  "condition": {"field": "interest_level", "operator": "==", "value": "high"},
                  "config": {"url": "%s", "headers": {"Authorization": "Bearer crm-secret-123"}}}]"""
                        .formatted(target.url(path)))
                .put("/api/v1/agents/{agent}/actions", agent).then().statusCode(200)
                .body("[0].config.headers.Authorization", equalTo("***"));
        // Saving what GET showed keeps the stored header value.
        String shown = as(token).get("/api/v1/agents/{agent}/actions", agent).then().extract().asString();
        assertThat(shown).doesNotContain("crm-secret-123");
        as(token).body(shown).put("/api/v1/agents/{agent}/actions", agent).then().statusCode(200);

        String hot = postCall(token, Map.of("interest_level", "high", "customer_name", "Asha"));
        String cold = postCall(token, Map.of("interest_level", "low"));

        JsonPath hotCall = finished(token, hot);
        assertThat(hotCall.getString("results.actions[0].decision")).isEqualTo("ran");
        assertThat(hotCall.getInt("results.actions[0].delivery_id")).isPositive();
        JsonPath coldCall = finished(token, cold);
        assertThat(coldCall.getString("results.actions[0].decision")).isEqualTo("skipped");
        assertThat(coldCall.getString("results.actions[0].reason")).contains("not met").contains("\"low\"");

        Eventually.await(Duration.ofSeconds(20), () -> target.requests(path).size(), n -> n >= 1);
        StubTarget.Received received = target.requests(path).get(0);
        assertThat(received.header("Authorization")).isEqualTo("Bearer crm-secret-123");
        assertThat(received.header("Idempotency-Key")).isEqualTo(hot + ":action:hot lead");
        JsonPath body = JsonPath.from(received.body());
        assertThat(body.getString("call_id")).isEqualTo(hot);
        assertThat(body.getString("extraction.customer_name")).isEqualTo("Asha");
        assertThat(body.getString("outcome")).isEqualTo("interested");
        assertThat(received.header(WebhookSignature.SIGNATURE_HEADER)).startsWith("v1=");
        assertThat(target.requests(path)).hasSize(1);
    }

    @Test
    void scheduleCallBooksTheFollowUpAtTheExtractedTimeInTheOutletsZone() {
        QuarkusTransaction.requiringNew().run(() -> {
            if (OutletEntity.findById(KOLKATA_OUTLET) == null) {
                OutletEntity outlet = new OutletEntity();
                outlet.id = KOLKATA_OUTLET;
                outlet.name = "Kolkata outlet";
                outlet.timeZone = "Asia/Kolkata";
                outlet.persist();
            }
        });
        String kolkata = tokens.mint(KOLKATA_OUTLET, null);
        as(kolkata).body(SEED_SCHEDULE_CALL).put("/api/v1/agents/{agent}/actions", agent).then().statusCode(200);

        String wanted = postCall(kolkata, Map.of("follow_up_required", true, "follow_up_date", "2030-01-15T17:00:00"));
        String without = postCall(kolkata, Map.of("follow_up_required", "true"));
        String notWanted = postCall(kolkata, Map.of("follow_up_required", false, "follow_up_date", "2030-01-15"));

        JsonPath booked = finished(kolkata, wanted);
        assertThat(booked.getBoolean("next_call_scheduled")).isTrue();
        assertThat(booked.getString("results.actions[0].due_at")).isEqualTo("2030-01-15T11:30:00Z");
        var list = as(kolkata).get("/api/v1/scheduled-calls?call_id={id}", wanted).then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].status", equalTo("scheduled"))
                .body("items[0].to_number", equalTo("+919876543210"))
                .body("items[0].from_number", equalTo("+908501234567"))
                .body("items[0].time_source", equalTo("use_field follow_up_date"))
                .extract().jsonPath();

        JsonPath fallback = finished(kolkata, without);
        Instant due = Instant.parse(fallback.getString("results.actions[0].due_at"));
        assertThat(due).isBetween(Instant.now().plus(Duration.ofMinutes(1430)), Instant.now().plus(Duration.ofHours(24)));
        assertThat(fallback.getString("results.actions[0].time_source")).contains("follow_up_date has no value");

        JsonPath skipped = finished(kolkata, notWanted);
        assertThat(skipped.getString("results.actions[0].decision")).isEqualTo("skipped");
        assertThat(skipped.get("next_call_scheduled") == null || !skipped.getBoolean("next_call_scheduled")).isTrue();

        int id = list.getInt("items[0].id");
        as(token).delete("/api/v1/scheduled-calls/{id}", id).then().statusCode(404);
        as(kolkata).delete("/api/v1/scheduled-calls/{id}", id).then().statusCode(200).body("status", equalTo("cancelled"));
        as(kolkata).delete("/api/v1/scheduled-calls/{id}", id).then().statusCode(409);
    }

    @Test
    void aDueFollowUpIsHandedToTheDialerAsASignedDelivery() {
        String path = "/dialer-" + UUID.randomUUID();
        as(token).body(Map.of("url", target.url(path), "headers", Map.of("X-Dialer-Key", "dial-secret-42")))
                .put("/api/v1/outlet/dialer").then().statusCode(200)
                .body("headers.X-Dialer-Key", equalTo("***"));
        as(token).body("""
                [{"type": "schedule_call", "name": "call back now",
                  "config": {"fallback_delay_minutes": 0, "to_field": "callback_number"}}]""")
                .put("/api/v1/agents/{agent}/actions", agent).then().statusCode(200);

        String callId = postCall(token, Map.of("callback_number", "5550100"));
        finished(token, callId);

        Eventually.await(Duration.ofSeconds(20), () -> target.requests(path).size(), n -> n >= 1);
        StubTarget.Received received = target.requests(path).get(0);
        assertThat(received.header("X-Dialer-Key")).isEqualTo("dial-secret-42");
        JsonPath body = JsonPath.from(received.body());
        assertThat(body.getString("call_id")).isEqualTo(callId);
        assertThat(body.getString("to_number")).isEqualTo("5550100");
        Eventually.await(Duration.ofSeconds(10), () -> as(token).get("/api/v1/scheduled-calls?call_id={id}", callId)
                .then().extract().<String>path("items[0].status"), "dispatched"::equals);
        as(token).get("/api/v1/deliveries?call_id={id}&purpose=dialer", callId).then().statusCode(200)
                .body("total", equalTo(1));
        as(token).delete("/api/v1/outlet/dialer").then().statusCode(204);
    }

    @Test
    void aDialerThatPullsClaimsEachDueFollowUpOnce() {
        database.ensureOutlet(TestDatabase.SECOND_OUTLET, "Second outlet");
        String second = tokens.mint(TestDatabase.SECOND_OUTLET, null);
        as(second).body("""
                {"type": "schedule_call", "name": "pull me", "config": {"fallback_delay_minutes": 0}}""")
                .put("/api/v1/agents/{agent}/actions", agent).then().statusCode(200);
        as(token).get("/api/v1/agents/{agent}/actions", agent).then().statusCode(200).body("", hasSize(0));
        String callId = postCall(second, Map.of());
        finished(second, callId);

        List<Object> claimed = Eventually.await(Duration.ofSeconds(10),
                () -> as(second).post("/api/v1/scheduled-calls/claim").then().statusCode(200)
                        .extract().<List<Object>>path("items.call_id"),
                ids -> ids.contains(callId));
        assertThat(claimed).containsOnlyOnce(callId);
        as(second).post("/api/v1/scheduled-calls/claim").then().statusCode(200)
                .body("items.call_id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(callId)));
        as(second).get("/api/v1/scheduled-calls?call_id={id}", callId).then()
                .body("items[0].status", equalTo("claimed"));
    }
}
