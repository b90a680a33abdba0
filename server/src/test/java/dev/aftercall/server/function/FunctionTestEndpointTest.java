package dev.aftercall.server.function;

import static dev.aftercall.server.function.FunctionApiTest.NO_AGENT;
import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.http.StubTarget;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/functions/test} and {@code /api/v1/functions/{id}/test}: real runs on a sample context. */
@QuarkusTest
class FunctionTestEndpointTest {
    /** Its own outlet: functions and variables are outlet-wide, so other tests' calls must not meet them. */
    static final long OUTLET = 66;

    /** Surefire runs in {@code server/}; the examples live beside it. */
    static final Path EXAMPLES = Path.of("..", "flows-examples", "functions");

    @Inject
    Tokens tokens;

    @Inject
    TestDatabase database;

    String token;
    String suffix;
    StubTarget crm;

    @BeforeEach
    void setUp() {
        database.ensureOutlet(OUTLET, "FunctionTestEndpointTest");
        token = tokens.mint(OUTLET, null);
        database.ensureOutlet(TestDatabase.SECOND_OUTLET, "Second outlet");
        suffix = UUID.randomUUID().toString().substring(0, 8);
        crm = StubTarget.start().answer(StubTarget.Answer.json(200, "{\"id\":\"crm-77\",\"ok\":true}"));
    }

    @AfterEach
    void tearDown() {
        crm.close();
    }

    static String read(String file) {
        try {
            return Files.readString(EXAMPLES.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> context(long duration, boolean confirmation) {
        Map<String, Object> postCall = new HashMap<>();
        postCall.put("interested", true);
        postCall.put("call_status", "hot");
        postCall.put("confirmation", confirmation);
        Map<String, Object> context = new HashMap<>();
        context.put("call_metadata", Map.of("lead_id", "L-42", "name", "Ravi"));
        context.put("post_call", postCall);
        context.put("post_call_detail", Map.of());
        context.put("functions_called", List.of());
        context.put("call_duration", duration);
        context.put("hangup_reason", "USER_HANGUP");
        context.put("callSid", "CA-1");
        context.put("agent", "agent-7");
        context.put("userId", "user-3");
        context.put("name", "Asha");
        return context;
    }

    @Test
    void seedCalculateNdoaRunsUnchangedAndAnswersWhatChanged() {
        String code = read("calculateNDOA/function.js");
        Map<String, Object> function = Map.of("name", "calculateNDOA", "mode", "advanced", "code", code);

        as(token).body(Map.of("function", function, "context", context(95, false)))
                .post("/api/v1/functions/test").then().statusCode(200)
                .body("error", nullValue())
                .body("status", equalTo("succeeded"))
                .body("context.post_call.ndoa", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"))
                .body("context.post_call_detail.ndoa.comment", equalTo("No resolution, scheduling ndoa 1 hour later"))
                .body("changes", hasKey("post_call.ndoa"))
                .body("changes.'post_call.ndoa'.before", nullValue())
                .body("changes", hasKey("post_call_detail.ndoa"))
                .body("functions_called", hasSize(1))
                .body("functions_called[0]", aMapWithSize(5))
                .body("functions_called[0].name", equalTo("calculateNDOA"))
                .body("functions_called[0].parameters.call_duration", equalTo(95))
                .body("console", empty())
                .body("requests", empty())
                .body("duration_ms", notNullValue());

        as(token).body(Map.of("function", function, "context", context(95, true)))
                .post("/api/v1/functions/test").then().statusCode(200)
                .body("context.post_call.ndoa", equalTo(""))
                .body("context.post_call_detail.ndoa.comment", equalTo("Call resolved, no ndoa"));

        as(token).body(Map.of("function", function, "context", context(0, false)))
                .post("/api/v1/functions/test").then().statusCode(200)
                .body("context.post_call_detail.ndoa.comment",
                        equalTo("Call not connected, scheduling ndoa 1.5 hours later"));
    }

    @Test
    void axiosGoesOutThroughTheServersClientAndTheRequestIsAnswered() {
        String name = "pushLead_" + suffix;
        String code = "async function " + name + "(context) {\n"
                + "  const r = await axios.post('" + crm.url("/leads") + "', {lead: context.call_metadata.lead_id},"
                + " {headers: {Authorization: 'Bearer s3cret'}});\n"
                + "  console.log('crm said', r.data.id);\n"
                + "  context.post_call.crm_id = r.data.id;\n"
                + "}\n";

        as(token).body(Map.of("function", Map.of("name", name, "mode", "advanced", "code", code),
                        "context", context(10, false)))
                .post("/api/v1/functions/test").then().statusCode(200)
                .body("error", nullValue())
                .body("context.post_call.crm_id", equalTo("crm-77"))
                .body("console", contains("crm said crm-77"))
                .body("requests", hasSize(1))
                .body("requests[0].method", equalTo("POST"))
                .body("requests[0].status", equalTo(200))
                .body("requests[0].request_headers.Authorization", equalTo("***"));
        assertThat(crm.requests()).singleElement().satisfies(r -> {
            assertThat(r.body()).isEqualTo("{\"lead\":\"L-42\"}");
            assertThat(r.header("Authorization")).isEqualTo("Bearer s3cret");
        });
    }

    @Test
    void aRunawayScriptIsStoppedAndAnsweredAsAFailure() {
        String code = "async function spin(context) {\n  while (true) {}\n}\n";
        as(token).body(Map.of("function", Map.of("name", "spin", "mode", "advanced", "code", code),
                        "context", context(10, false)))
                .post("/api/v1/functions/test").then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("error", containsString("limit"));
        as(token).get("/api/v1/functions").then().statusCode(200);
    }

    private io.restassured.response.ValidatableResponse runAs(String outletToken, String name, String body) {
        String code = "async function " + name + "(context) {\n" + body + "\n}\n";
        return as(outletToken).body(Map.of("function", Map.of("name", name, "mode", "advanced", "code", code),
                "context", context(10, false))).post("/api/v1/functions/test").then().statusCode(200);
    }

    @Test
    void nothingSurvivesFromOneRunToTheNextNorFromOneOutletToAnother() {
        String other = tokens.mint(TestDatabase.SECOND_OUTLET, null);
        runAs(token, "pollute", "Object.prototype.leaked = context.call_metadata.lead_id;\n"
                + "globalThis.secret = context.call_metadata.lead_id;\n"
                + "_.leaked = 1; moment.leaked = 1; Array.prototype.push = function () { return 0; };")
                .body("error", nullValue());

        runAs(other, "snoop", "context.post_call.seen = [({}).leaked, typeof secret, _.leaked, moment.leaked]"
                + ".map(String).join(',');\ncontext.functions_called.push({name: 'snoop', parameters: {},"
                + " success: true, response: null, timestamp: 'now'});")
                .body("error", nullValue())
                .body("context.post_call.seen", equalTo("undefined,undefined,undefined,undefined"))
                .body("functions_called", hasSize(1));
    }

    @Test
    void forbiddenApisReachedIndirectlyAreAbsentAtRunTime() {
        runAs(token, "indirect", "const names = ['pro' + 'cess', 'req' + 'uire', 'Ja' + 'va', 'Poly' + 'glot'];\n"
                + "context.post_call.found = names.filter((n) => typeof globalThis[n] !== 'undefined').join(',');\n"
                + "const AsyncFunction = (async () => {})['constr' + 'uctor'];\n"
                + "try { await AsyncFunction('return 1')(); context.post_call.built = true; }"
                + " catch (e) { context.post_call.built = false; }\n"
                + "try { globalThis['ev' + 'al']('1 + 1'); context.post_call.evaluated = true; }"
                + " catch (e) { context.post_call.evaluated = e.name; }")
                .body("error", nullValue())
                .body("context.post_call.found", equalTo(""))
                .body("context.post_call.built", equalTo(false))
                .body("context.post_call.evaluated", equalTo("EvalError"));
    }

    @Test
    void aMemoryBombIsStoppedAndTheServiceAnswersTheNextRun() {
        runAs(token, "bomb", "const all = [];\nwhile (true) { all.push('x'.repeat(1 << 20) + all.length); }")
                .body("status", equalTo("failed"))
                .body("error", notNullValue());
        runAs(token, "fine", "context.post_call.ok = true;")
                .body("status", equalTo("succeeded"))
                .body("context.post_call.ok", equalTo(true));
    }

    @Test
    void readOnlyFieldsCannotBeChangedAndTheAttemptIsAWarning() {
        runAs(token, "tamper", "context.call_duration = 999;\ncontext.call_metadata.lead_id = 'X';\n"
                + "context.agent = 'someone';")
                .body("error", nullValue())
                .body("context.call_duration", equalTo(10))
                .body("context.call_metadata.lead_id", equalTo("L-42"))
                .body("context.agent", equalTo("agent-7"))
                .body("changes", aMapWithSize(0))
                .body("warnings", hasSize(3));
    }

    @Test
    void aSavedBasicFunctionSendsItsMappedRequestAndMapsTheResponseIntoPostCall() {
        Map<String, Object> function = new HashMap<>(FunctionApiTest.basic("updateLead_" + suffix,
                crm.url("/leads/{{lead_id}}/update")));
        int id = as(token).body(function).post("/api/v1/functions").then().statusCode(201).extract().path("id");

        as(token).body(Map.of("context", context(30, false)))
                .post("/api/v1/functions/{id}/test", id).then().statusCode(200)
                .body("error", nullValue())
                .body("status", equalTo("succeeded"))
                .body("context.post_call.crm_id", equalTo("crm-77"))
                .body("changes.'post_call.crm_id'.after", equalTo("crm-77"))
                .body("functions_called", hasSize(1))
                .body("functions_called[0]", aMapWithSize(5))
                .body("functions_called[0].name", equalTo("updateLead_" + suffix))
                .body("functions_called[0].parameters.lead", equalTo("L-42"))
                .body("functions_called[0].success", equalTo(true))
                .body("functions_called[0].response.id", equalTo("crm-77"))
                .body("requests[0].status", equalTo(200));

        assertThat(crm.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/leads/L-42/update");
            assertThat(r.body()).contains("\"lead\":\"L-42\"").contains("\"status\":\"hot\"");
            assertThat(r.header("Idempotency-Key")).startsWith("test:").endsWith(":request");
        });
    }

    @Test
    void aBasicFunctionWhoseConditionDoesNotMatchDoesNotRun() {
        Map<String, Object> function = FunctionApiTest.basic("onlyConnected_" + suffix, crm.url("/leads/{lead_id}"));

        as(token).body(Map.of("function", function, "context", context(0, false)))
                .post("/api/v1/functions/test").then().statusCode(200)
                .body("status", equalTo("skipped"))
                .body("skipped", containsString("connected"))
                .body("error", nullValue())
                .body("functions_called", empty())
                .body("changes", aMapWithSize(0));
        assertThat(crm.requests()).isEmpty();
    }

    @Test
    void aBasicFunctionUsesTheSeedsSingleBraceUrlAndAGetSendsParametersAsTheQuery() {
        Map<String, Object> function = Map.of("name", "lookup_" + suffix, "mode", "basic", "agents", NO_AGENT,
                "api_url", crm.url("/leads/{lead_id}"), "method", "GET",
                "parameters", Map.of("duration", "{{call_duration}}"),
                "variables", Map.of("lead_id", Map.of("source", "call_metadata", "field", "lead_id")));

        as(token).body(Map.of("function", function, "context", context(30, false)))
                .post("/api/v1/functions/test").then().statusCode(200)
                .body("status", equalTo("succeeded"));
        assertThat(crm.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("/leads/L-42");
            assertThat(r.query()).isEqualTo("duration=30");
        });
    }

    @Test
    void aFailedBasicRequestIsLoggedAsAnUnsuccessfulCall() {
        crm.answer(StubTarget.Answer.json(422, "{\"error\":\"bad lead\"}"));
        Map<String, Object> function = FunctionApiTest.basic("rejected_" + suffix, crm.url("/leads/{{lead_id}}"));

        as(token).body(Map.of("function", function, "context", context(30, false)))
                .post("/api/v1/functions/test").then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("error", containsString("422"))
                .body("functions_called[0].success", equalTo(false))
                .body("functions_called[0].response", containsString("422"))
                .body("context.post_call", org.hamcrest.Matchers.not(hasKey("crm_id")));
    }

    @Test
    void anInvalidUnsavedFunctionOrContextIsABadRequest() {
        as(token).body(Map.of("function", Map.of("name", "x y", "mode", "advanced", "code", "nope"), "context", Map.of()))
                .post("/api/v1/functions/test").then().statusCode(400).body("field", equalTo("name"));
        as(token).body(Map.of("context", Map.of())).post("/api/v1/functions/test").then().statusCode(400)
                .body("field", equalTo("function"));
        as(token).body(Map.of("function", Map.of("name", "ok", "mode", "advanced",
                        "code", "async function ok(context) {}"), "context", "not an object"))
                .post("/api/v1/functions/test").then().statusCode(400).body("field", equalTo("context"));
    }
}
