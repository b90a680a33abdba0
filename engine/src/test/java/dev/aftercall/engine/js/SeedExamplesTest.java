package dev.aftercall.engine.js;

import static dev.aftercall.engine.js.Fixtures.callContext;
import static dev.aftercall.engine.js.Fixtures.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's three JavaScript examples, as {@code flows-examples/functions} keeps them (the two snippets inside the
 * signature seed 000 requires), do what the seed documents.
 */
class SeedExamplesTest {
    private static final String NDOA = example("calculateNDOA");
    private static final String UPDATE_CRM = example("updateCRM");
    private static final String LOG_EXECUTION = example("logExecution");
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private static JsSandbox sandbox;
    private static LocalTarget crm;

    @BeforeAll
    static void start() throws Exception {
        sandbox = new JsSandbox(2, Fixtures.TEST_LIMITS);
        crm = new LocalTarget();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        crm.close();
    }

    @Test
    void theSeedExamplesPassValidation() {
        assertThat(FunctionCode.check(NDOA)).isEmpty();
        assertThat(FunctionCode.check(UPDATE_CRM)).isEmpty();
        assertThat(FunctionCode.check(LOG_EXECUTION)).isEmpty();
    }

    @Test
    void calculateNdoaSchedulesNothingForAConnectedResolvedCall() {
        ObjectNode context = callContext();
        ((ObjectNode) context.get("post_call")).put("confirmation", true);

        FunctionRun run = sandbox.run(NDOA, context, null);

        assertThat(run.error()).isNull();
        assertThat(run.context().at("/post_call/ndoa").asText()).isEmpty();
        assertThat(run.context().at("/post_call_detail/ndoa/comment").asText()).isEqualTo("Call resolved, no ndoa");
        assertOneFiveFieldLog(run, "");
    }

    @Test
    void calculateNdoaSchedulesAConnectedUnresolvedCallAnHourLaterInIndianTime() {
        FunctionRun run = sandbox.run(NDOA, callContext(), null);

        assertThat(run.error()).isNull();
        assertNdoaIsNowInIndiaPlus(run, 60);
        assertThat(run.context().at("/post_call_detail/ndoa/comment").asText())
                .isEqualTo("No resolution, scheduling ndoa 1 hour later");
        assertOneFiveFieldLog(run, run.context().at("/post_call/ndoa").asText());
    }

    @Test
    void calculateNdoaSchedulesACallThatDidNotConnectAnHourAndAHalfLater() {
        ObjectNode missed = callContext().put("call_duration", 0);
        ObjectNode voicemail = callContext().put("hangup_reason", "VOICEMAIL_DETECTED");

        for (ObjectNode context : new ObjectNode[] {missed, voicemail}) {
            FunctionRun run = sandbox.run(NDOA, context, null);
            assertThat(run.error()).isNull();
            assertNdoaIsNowInIndiaPlus(run, 90);
            assertThat(run.context().at("/post_call_detail/ndoa/comment").asText())
                    .isEqualTo("Call not connected, scheduling ndoa 1.5 hours later");
            assertOneFiveFieldLog(run, run.context().at("/post_call/ndoa").asText());
        }
    }

    @Test
    void theApiCallExampleMarksTheCrmUpdatedWhenTheCrmAnswers200() {
        crm.answer("/leads/update", 200, "{\"ok\":true,\"id\":\"crm-9\"}");

        FunctionRun run = sandbox.run(UPDATE_CRM, callContext(), new LocalHttpBridge(crm));

        assertThat(run.error()).isNull();
        assertThat(run.context().at("/post_call/crm_updated").asBoolean()).isTrue();
        assertThat(run.console()).containsExactly("API call successful: {\"ok\":true,\"id\":\"crm-9\"}");
        LocalTarget.Received sent = crm.received().get(crm.received().size() - 1);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.pathAndQuery()).isEqualTo("/leads/update");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer TOKEN");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(Fixtures.json(sent.body())).isEqualTo(
                Fixtures.json("{\"lead_id\":\"L-42\",\"call_duration\":95,\"interested\":true}"));
        assertThat(run.requests()).singleElement().satisfies(request -> {
            assertThat(request.url()).isEqualTo("https://api.example.com/leads/update");
            assertThat(request.status()).isEqualTo(200);
            assertThat(request.requestHeaders()).containsEntry("Authorization", "***");
        });
    }

    @Test
    void theApiCallExampleRecordsTheErrorWhenTheCrmAnswers503() {
        crm.answer("/leads/update", 503, "{\"error\":\"maintenance\"}");

        FunctionRun run = sandbox.run(UPDATE_CRM, callContext(), new LocalHttpBridge(crm));

        assertThat(run.error()).isNull();
        assertThat(run.context().at("/post_call_detail/api_error")).isEqualTo(Fixtures.json(
                "{\"value\":\"Request failed with status code 503\",\"comment\":\"Failed to update CRM\"}"));
        assertThat(run.context().at("/post_call/crm_updated").isMissingNode()).isTrue();
        assertThat(run.console()).containsExactly("[error] API error: Request failed with status code 503");
        assertThat(run.requests()).singleElement().extracting(RequestLog::status).isEqualTo(503);
    }

    @Test
    void theApiCallExampleRecordsTheErrorWhenTheCrmIsUnreachable() {
        FunctionRun run = sandbox.run(UPDATE_CRM, callContext(), LocalHttpBridge.refusing());

        assertThat(run.error()).isNull();
        assertThat(run.context().at("/post_call_detail/api_error/value").asText()).isNotBlank();
        assertThat(run.context().at("/post_call_detail/api_error/comment").asText()).isEqualTo("Failed to update CRM");
        assertThat(run.requests()).singleElement().satisfies(r -> assertThat(r.error()).isNotBlank());
    }

    @Test
    void theLoggingExampleAppendsOneFiveFieldEntry() {
        FunctionRun run = sandbox.run(LOG_EXECUTION, callContext(), null);

        assertThat(run.error()).isNull();
        assertThat(run.warnings()).isEmpty();
        assertThat(run.functionsCalled()).hasSize(1);
        JsonNode entry = run.functionsCalled().get(0);
        assertThat(entry.get("name").asText()).isEqualTo("updateCRM");
        assertThat(entry.get("parameters")).isEqualTo(Fixtures.json("{\"lead_id\":\"L-42\"}"));
        assertThat(entry.get("success").asBoolean()).isTrue();
        assertThat(entry.get("response")).isEqualTo(Fixtures.json("{\"updated\":true}"));
        assertThat(entry.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    private static void assertNdoaIsNowInIndiaPlus(FunctionRun run, int minutes) {
        String ndoa = run.context().at("/post_call/ndoa").asText();
        assertThat(ndoa).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
        LocalDateTime expected = LocalDateTime.now(IST).plusMinutes(minutes);
        assertThat(LocalDateTime.parse(ndoa)).isCloseTo(expected, within(1, ChronoUnit.MINUTES));
        assertThat(run.context().at("/post_call_detail/ndoa/value").asText()).isEqualTo(ndoa);
    }

    private static void assertOneFiveFieldLog(FunctionRun run, String ndoa) {
        assertThat(run.warnings()).isEmpty();
        assertThat(run.functionsCalled()).hasSize(1);
        JsonNode entry = run.functionsCalled().get(0);
        assertThat(entry.fieldNames()).toIterable()
                .containsExactly("name", "parameters", "success", "response", "timestamp");
        assertThat(entry.get("name").asText()).isEqualTo("calculateNDOA");
        assertThat(entry.get("parameters")).isEqualTo(Fixtures.json(
                "{\"agent\":\"" + run.context().get("agent").asText() + "\",\"call_duration\":"
                        + run.context().get("call_duration") + ",\"hangup_reason\":\""
                        + run.context().get("hangup_reason").asText() + "\"}"));
        assertThat(entry.get("success").asBoolean()).isTrue();
        assertThat(entry.at("/response/ndoa").asText()).isEqualTo(ndoa);
        assertThat(Duration.between(java.time.Instant.parse(entry.get("timestamp").asText()), java.time.Instant.now()))
                .isLessThan(Duration.ofMinutes(1));
    }
}
