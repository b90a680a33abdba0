package dev.aftercall.server.extraction;

import static dev.aftercall.server.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Without a language model configured, the embedded extractor fills what it recognises; the rest is null. */
@QuarkusTest
class EmbeddedExtractionTest {
    static final long OUTLET = 41;

    @Inject
    Tokens tokens;

    @Inject
    ExtractionFixtures fixtures;

    String token;
    String agent;

    @BeforeEach
    void setUp() {
        fixtures.outlet(OUTLET, "Asia/Kolkata");
        token = tokens.mint(OUTLET, null);
        agent = "agent-" + UUID.randomUUID();
        as(token).body(List.of(
                Map.of("name", "email", "type", "email", "description", "Customer email"),
                Map.of("name", "callback_at", "type", "date", "description", "When to call the customer back"),
                Map.of("name", "customer_name", "type", "string", "description", "Customer full name"),
                Map.of("name", "interest_level", "type", "enum", "description", "high, medium, low, none")))
                .put("/api/v1/agents/{agent}/extraction-fields", agent).then().statusCode(200);
    }

    @Test
    void emailAndTomorrowAtFiveResolveInTheOutletsZoneWithoutAModel() {
        String callId = Api.newCallId();
        as(token).body(ExtractionFixtures.call(callId, agent, Map.of("customer_name", "Asha Rao", "other", 1)))
                .post("/api/v1/calls").then().statusCode(202);

        Api.awaitFinished(token, callId)
                .body("status", equalTo("completed"))
                .body("results.ai_analysis.email.value", equalTo("asha.rao@example.com"))
                .body("results.ai_analysis.email.type", equalTo("email"))
                .body("results.ai_analysis.email.source", equalTo("embedded"))
                .body("results.ai_analysis.callback_at.value", equalTo("2025-02-01T17:00:00+05:30"))
                .body("results.ai_analysis.callback_at.source", equalTo("embedded"))
                // The platform's value is kept when extraction finds none.
                .body("results.ai_analysis.customer_name.value", equalTo("Asha Rao"))
                .body("results.ai_analysis.customer_name.source", equalTo("platform"))
                .body("results.ai_analysis.interest_level.value", nullValue())
                .body("results.ai_analysis.interest_level.reason", equalTo("no extraction model configured"))
                .body("results.extraction.method", equalTo("embedded"))
                .body("results.extraction.time_zone", equalTo("Asia/Kolkata"))
                // post_call (top level of the detail) carries the values for later stages; other keys stay.
                .body("post_call.email", equalTo("asha.rao@example.com"))
                .body("post_call.callback_at", equalTo("2025-02-01T17:00:00+05:30"))
                .body("post_call.other", equalTo(1))
                .body("post_call", hasKey("interest_level"))
                .body("post_call_detail.email.value", equalTo("asha.rao@example.com"));
    }

    @Test
    void aCallWithoutTranscriptOrWithoutFieldsIsNotAnalysed() {
        String callId = Api.newCallId();
        as(token).body(Map.of("call_id", callId, "agent", agent)).post("/api/v1/calls").then().statusCode(202);
        Api.awaitFinished(token, callId).body("status", equalTo("completed"))
                .body("results", not(hasKey("ai_analysis")));

        String other = Api.newCallId();
        as(token).body(ExtractionFixtures.call(other, "agent-without-fields-" + UUID.randomUUID(), Map.of()))
                .post("/api/v1/calls").then().statusCode(202);
        Api.awaitFinished(token, other).body("status", equalTo("completed"))
                .body("results", not(hasKey("ai_analysis")));
    }
}
