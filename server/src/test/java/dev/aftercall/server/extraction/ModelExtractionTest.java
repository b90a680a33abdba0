package dev.aftercall.server.extraction;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.llm.OpenAiStub;
import dev.aftercall.server.llm.OpenAiStub.Reply;
import dev.aftercall.server.llm.OpenAiStubResource;
import dev.aftercall.server.support.Api;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With a language model configured (a local OpenAI-compatible stub), extraction asks it once with the fields'
 * JSON schema, repairs an answer that does not fit once, types the values, and falls back to the embedded
 * extractor when the model does not answer in time.
 */
@QuarkusTest
@QuarkusTestResource(value = OpenAiStubResource.class, restrictToAnnotatedClass = true)
class ModelExtractionTest {
    static final long OUTLET = 42;
    static final String GOOD = "{\"email\": \"asha.rao@example.com\", \"callback_at\": \"2025-02-01T17:00:00+05:30\","
            + " \"party_size\": \"4\", \"interest_level\": \"HIGH\"}";

    @Inject
    Tokens tokens;

    @Inject
    ExtractionFixtures fixtures;

    String token;
    String agent;
    OpenAiStub model;

    @BeforeEach
    void setUp() {
        fixtures.outlet(OUTLET, "Asia/Kolkata");
        token = tokens.mint(OUTLET, null);
        agent = "agent-" + UUID.randomUUID();
        model = OpenAiStubResource.stub();
        as(token).body(List.of(
                Map.of("name", "email", "type", "email", "description", "Customer email"),
                Map.of("name", "callback_at", "type", "date", "description", "When to call back"),
                Map.of("name", "party_size", "type", "integer", "description", "How many guests"),
                Map.of("name", "interest_level", "type", "enum", "description", "high, medium, low, none")))
                .put("/api/v1/agents/{agent}/extraction-fields", agent).then().statusCode(200);
    }

    private ValidatableResponse process() {
        String callId = Api.newCallId();
        as(token).body(ExtractionFixtures.call(callId, agent, Map.of())).post("/api/v1/calls").then().statusCode(202);
        return Api.awaitFinished(token, callId).body("status", equalTo("completed"));
    }

    @Test
    void oneStructuredRequestGivesTypedValues() {
        model.answer(Reply.content(GOOD));

        process()
                .body("results.ai_analysis.email.value", equalTo("asha.rao@example.com"))
                .body("results.ai_analysis.email.source", equalTo("llm"))
                .body("results.ai_analysis.callback_at.value", equalTo("2025-02-01T17:00:00+05:30"))
                .body("results.ai_analysis.party_size.value", equalTo(4))
                .body("results.ai_analysis.party_size.type", equalTo("integer"))
                .body("results.ai_analysis.interest_level.value", equalTo("high"))
                .body("results.extraction.method", equalTo("llm"))
                .body("results.extraction.model", equalTo("gpt-4o"))
                .body("results.extraction.requests", equalTo(1))
                .body("post_call.party_size", equalTo(4));

        assertThat(model.requests()).hasSize(1);
        JsonNode request = model.requests().get(0);
        assertThat(request.path("model").asText()).isEqualTo("gpt-4o");
        JsonNode format = request.path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("post_call_variables");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(format.path("json_schema").path("schema").path("required").toString())
                .isEqualTo("[\"email\",\"callback_at\",\"party_size\",\"interest_level\"]");
        assertThat(request.path("messages").get(0).path("content").asText()).contains("Asia/Kolkata");
        assertThat(request.path("messages").get(1).path("content").asText())
                .contains(ExtractionFixtures.TRANSCRIPT_TEXT);
        assertThat(model.authorizations().get(0)).isEqualTo("Bearer " + OpenAiStubResource.API_KEY);
    }

    @Test
    void aMalformedAnswerIsRepairedWithOneMoreRequest() {
        model.answer(Reply.content("Sure! {\"email\": \"asha.rao@example.com\", \"party_size\": four,}"),
                Reply.content(GOOD));

        process()
                .body("results.ai_analysis.party_size.value", equalTo(4))
                .body("results.ai_analysis.callback_at.value", equalTo("2025-02-01T17:00:00+05:30"))
                .body("results.extraction.requests", equalTo(2))
                .body("results.extraction.repaired", equalTo(true));

        assertThat(model.requests()).hasSize(2);
        JsonNode repair = model.requests().get(1).path("messages");
        assertThat(repair).hasSize(4);
        assertThat(repair.get(2).path("role").asText()).isEqualTo("assistant");
        assertThat(repair.get(3).path("content").asText()).contains("did not fit the JSON schema");
    }

    @Test
    void aTruncatedAnswerKeepsItsCompleteFieldsAndTheRestIsNullWithAReason() {
        String cut = "{\"email\": \"asha.rao@example.com\", \"callback_at\": \"2025-02-01T17:00:00+05:30\", \"par";
        model.answer(Reply.truncated(cut), Reply.truncated(cut));

        process()
                .body("results.ai_analysis.email.value", equalTo("asha.rao@example.com"))
                .body("results.ai_analysis.callback_at.value", equalTo("2025-02-01T17:00:00+05:30"))
                .body("results.ai_analysis.party_size.value", nullValue())
                .body("results.ai_analysis.party_size.source", equalTo("llm"))
                .body("results.ai_analysis.party_size.reason", startsWith("the model's answer was cut off"))
                .body("results.extraction.requests", equalTo(2));
    }

    @Test
    void aValueOfTheWrongTypeAfterTheRepairIsNullWithTheReason() {
        String wrong = "{\"email\": \"not an email\", \"callback_at\": null, \"party_size\": 4, "
                + "\"interest_level\": \"lukewarm\"}";
        model.answer(Reply.content(wrong), Reply.content(wrong));

        process()
                .body("results.ai_analysis.email.value", nullValue())
                .body("results.ai_analysis.email.reason", notNullValue())
                .body("results.ai_analysis.interest_level.value", nullValue())
                .body("results.ai_analysis.interest_level.reason", notNullValue())
                .body("results.ai_analysis.party_size.value", equalTo(4));
    }

    @Test
    void aServerErrorIsRetriedOnce() {
        model.answer(Reply.error(503), Reply.content(GOOD));

        process().body("results.ai_analysis.party_size.value", equalTo(4));
        // Retried by the client or by Llm: either way two requests, the second answered.
        assertThat(model.requests()).hasSize(2);
    }

    @Test
    void aModelTooSlowToAnswerFallsBackToTheEmbeddedExtractor() {
        model.answer(Reply.content(GOOD).after(Duration.ofSeconds(3)));

        process()
                .body("results.extraction.method", equalTo("embedded"))
                .body("results.extraction.model_error", startsWith("the language model did not answer after 2"))
                .body("results.ai_analysis.email.value", equalTo("asha.rao@example.com"))
                .body("results.ai_analysis.email.source", equalTo("embedded"))
                .body("results.ai_analysis.party_size.value", nullValue())
                .body("results.ai_analysis.party_size.reason", startsWith("the extraction model gave no answer"));
    }
}
