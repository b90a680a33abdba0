package dev.aftercall.server.function;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.llm.OpenAiStub;
import dev.aftercall.server.llm.OpenAiStub.Reply;
import dev.aftercall.server.llm.OpenAiStubResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Generate with AI" against a local OpenAI-compatible stub: the model's answer is checked with the validator of
 * {@code POST /api/v1/functions/validate}, a rejected answer is sent back once with its problems, and what the
 * endpoint answers is a draft (never saved).
 */
@QuarkusTest
@QuarkusTestResource(value = OpenAiStubResource.class, restrictToAnnotatedClass = true)
class FunctionGenerateTest {
    static final String PROMPT = "Calculate next date of action based on call outcome.\n"
            + "If confirmed, no callback needed.\nOtherwise schedule 2 hours later.";
    static final String GOOD_CODE = """
            async function calculateNDOA(context) {
                const ndoa = context.post_call.confirmation ? "" :
                    moment.tz("Asia/Kolkata").add(2, "hours").format("YYYY-MM-DDTHH:mm:ss");
                context.post_call.ndoa = ndoa;
                context.post_call_detail.ndoa = { value: ndoa, comment: "Next Date of Action" };
                context.functions_called.push({ name: "calculateNDOA", parameters: {}, success: true,
                    response: { ndoa: ndoa }, timestamp: new Date().toISOString() });
            }
            """;
    static final String BAD_CODE = """
            async function calculateNDOA(context) {
                const key = process.env.CRM_KEY;
                context.post_call.ndoa = key;
            }
            """;

    @Inject
    Tokens tokens;

    String token;
    OpenAiStub model;

    @BeforeEach
    void setUp() {
        token = tokens.mint(1, null);
        model = OpenAiStubResource.stub();
    }

    static String advancedAnswer(String name, String code) {
        return Json.write(Map.of("name", name, "code", code));
    }

    private JsonPath generate(Map<String, Object> body, int status) {
        return as(token).body(body).post("/api/v1/functions/generate").then().statusCode(status).extract().jsonPath();
    }

    @Test
    void aValidFirstAnswerIsTheDraftAfterOneRequest() {
        model.answer(Reply.content(advancedAnswer("calculateNDOA", GOOD_CODE)));

        JsonPath out = generate(Map.of("prompt", PROMPT, "mode", "advanced"), 200);

        assertThat(out.getBoolean("valid")).isTrue();
        assertThat(out.getList("problems")).isEmpty();
        assertThat(out.getInt("attempts")).isEqualTo(1);
        assertThat(out.getString("function.name")).isEqualTo("calculateNDOA");
        assertThat(out.getString("function.mode")).isEqualTo("advanced");
        assertThat(out.getString("function.code")).isEqualTo(GOOD_CODE);

        assertThat(model.requests()).hasSize(1);
        JsonNode request = model.requests().get(0);
        JsonNode format = request.path("response_format").path("json_schema");
        assertThat(format.path("name").asText()).isEqualTo("post_call_function");
        assertThat(format.path("schema").path("required").toString()).isEqualTo("[\"name\",\"code\"]");
        String system = request.path("messages").get(0).path("content").asText();
        assertThat(system).contains("async function <name>(context)", "axios", "moment.tz", "lodash",
                "call_metadata", "functions_called", "Forbidden: require");
        assertThat(request.path("messages").get(1).path("content").asText()).contains(PROMPT);
        // A draft only: nothing was saved.
        as(token).get("/api/v1/functions").then().statusCode(200)
                .body("items.name", not(org.hamcrest.Matchers.hasItem("calculateNDOA")));
    }

    @Test
    void anInvalidAnswerIsSentBackOnceWithTheValidatorsProblems() {
        model.answer(Reply.content(advancedAnswer("calculateNDOA", BAD_CODE)),
                Reply.content(advancedAnswer("calculateNDOA", GOOD_CODE)));
        String problem = as(token).body(Map.of("name", "calculateNDOA", "mode", "advanced", "code", BAD_CODE))
                .post("/api/v1/functions/validate").then().statusCode(200).body("valid", equalTo(false))
                .extract().jsonPath().getString("problems[0].message");

        JsonPath out = generate(Map.of("prompt", PROMPT, "mode", "advanced"), 200);

        assertThat(out.getBoolean("valid")).isTrue();
        assertThat(out.getInt("attempts")).isEqualTo(2);
        assertThat(out.getString("function.code")).isEqualTo(GOOD_CODE);
        assertThat(model.requests()).hasSize(2);
        JsonNode repair = model.requests().get(1).path("messages");
        assertThat(repair).hasSize(4);
        assertThat(repair.get(2).path("role").asText()).isEqualTo("assistant");
        assertThat(repair.get(2).path("content").asText()).contains("process.env");
        assertThat(repair.get(3).path("content").asText()).contains(problem).contains("line 2");
    }

    @Test
    void anAnswerStillInvalidAfterTheRepairIsADraftWithItsProblems() {
        model.answer(Reply.content(advancedAnswer("calculateNDOA", BAD_CODE)),
                Reply.content(advancedAnswer("calculateNDOA", BAD_CODE)));

        JsonPath out = generate(Map.of("prompt", PROMPT, "mode", "advanced"), 200);

        assertThat(out.getBoolean("valid")).isFalse();
        assertThat(out.getInt("attempts")).isEqualTo(2);
        assertThat(out.getString("function.code")).isEqualTo(BAD_CODE);
        assertThat(out.getList("problems.field")).contains("code");
        assertThat(out.getList("problems.line", Integer.class)).contains(2);
        assertThat(model.requests()).hasSize(2);
    }

    @Test
    void anAnswerThatIsNotJsonIsRepaired() {
        model.answer(Reply.content("Here is your function: async function x(context) {}"),
                Reply.content(advancedAnswer("calculateNDOA", GOOD_CODE)));

        JsonPath out = generate(Map.of("prompt", PROMPT), 200);

        assertThat(out.getBoolean("valid")).isTrue();
        assertThat(out.getInt("attempts")).isEqualTo(2);
        assertThat(model.requests().get(1).path("messages").get(3).path("content").asText())
                .contains("not the JSON object asked for");
    }

    @Test
    void theRequestedNameIsKeptAndTheCodeMustDeclareIt() {
        model.answer(Reply.content(advancedAnswer("calculateNDOA", GOOD_CODE)),
                Reply.content(advancedAnswer("whatever", GOOD_CODE.replace("calculateNDOA", "scheduleCallback"))));

        JsonPath out = generate(Map.of("prompt", PROMPT, "mode", "advanced", "name", "scheduleCallback"), 200);

        assertThat(out.getBoolean("valid")).isTrue();
        assertThat(out.getString("function.name")).isEqualTo("scheduleCallback");
        assertThat(out.getInt("attempts")).isEqualTo(2);
        assertThat(model.requests().get(0).path("messages").get(0).path("content").asText())
                .contains("named exactly `scheduleCallback`");
        assertThat(model.requests().get(1).path("messages").get(3).path("content").asText())
                .contains("declares `calculateNDOA`");
    }

    @Test
    void aBasicFunctionIsAskedForAsPairsAndAnsweredInTheApisShape() {
        String answer = Json.write(Map.of(
                "name", "updateLead",
                "api_url", "https://crm.example.com/leads/{{lead_id}}/update",
                "method", "POST",
                "headers", List.of(Map.of("name", "Content-Type", "value", "application/json")),
                "parameters_json", "{\"lead\": \"{{lead_id}}\", \"status\": \"{{call_status}}\"}",
                "variables", List.of(Map.of("name", "lead_id", "source", "call_metadata.lead_id"),
                        Map.of("name", "call_status", "source", "post_call.call_status")),
                "condition", Map.of("call_type", "connected", "all", List.of(Map.of("source", "post_call",
                        "field", "interested", "operator", "==", "value_json", "true"))),
                "response_mapping", List.of(Map.of("field", "crm_id", "path", "$.id"))));
        model.answer(Reply.content(answer));

        JsonPath out = generate(Map.of("prompt", "Update the CRM lead with the call status when interested",
                "mode", "basic"), 200);

        assertThat(out.getList("problems")).isEmpty();
        assertThat(out.getInt("attempts")).isEqualTo(1);
        assertThat(out.getString("function.mode")).isEqualTo("basic");
        assertThat(out.getString("function.headers.Content-Type")).isEqualTo("application/json");
        assertThat(out.getString("function.parameters.lead")).isEqualTo("{{lead_id}}");
        assertThat(out.getString("function.variables.call_status")).isEqualTo("post_call.call_status");
        assertThat(out.getBoolean("function.condition.all[0].value")).isTrue();
        assertThat(out.getString("function.response_mapping.crm_id")).isEqualTo("$.id");
        // The draft is saved as it is, by the operator.
        Map<String, Object> draft = out.getMap("function");
        draft.put("agents", List.of("agent-of-no-call"));
        draft.put("name", "updateLead" + System.nanoTime());
        as(token).body(draft).post("/api/v1/functions").then().statusCode(201);

        JsonNode schema = model.requests().get(0).path("response_format").path("json_schema").path("schema");
        assertThat(schema.path("properties").path("method").path("enum").toString()).contains("PATCH");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void aModelThatGivesNoAnswerIs502WithoutTheKey() {
        model.answer(Reply.error(401));

        String body = as(token).body(Map.of("prompt", PROMPT, "mode", "advanced"))
                .post("/api/v1/functions/generate").then().statusCode(502)
                .body("error", containsString("language model")).extract().asString();
        assertThat(body).doesNotContain(OpenAiStubResource.API_KEY);
    }

    @Test
    void badInputIs400NamingTheFieldAndAsksNothing() {
        model.answer(Reply.content(advancedAnswer("calculateNDOA", GOOD_CODE)));

        as(token).body(Map.of("mode", "advanced")).post("/api/v1/functions/generate")
                .then().statusCode(400).body("field", equalTo("prompt"));
        as(token).body(Map.of("prompt", "  ")).post("/api/v1/functions/generate")
                .then().statusCode(400).body("field", equalTo("prompt"));
        as(token).body(Map.of("prompt", PROMPT, "mode", "clever")).post("/api/v1/functions/generate")
                .then().statusCode(400).body("field", equalTo("mode"));
        as(token).body(Map.of("prompt", PROMPT, "name", "has spaces")).post("/api/v1/functions/generate")
                .then().statusCode(400).body("field", equalTo("name"));
        as(token).body("[]").post("/api/v1/functions/generate").then().statusCode(400);
        org.assertj.core.api.Assertions.assertThat(model.requests()).isEmpty();
    }

    @Test
    void anUnauthenticatedCallerIsRefused() {
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("prompt", PROMPT))
                .post("/api/v1/functions/generate").then().statusCode(401);
        assertThat(model.requests()).isEmpty();
    }
}
