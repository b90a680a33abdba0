package dev.aftercall.server.function;

import static dev.aftercall.server.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CRUD and validation of post-call functions, in the shapes of issue 3 and seed 000. */
@QuarkusTest
class FunctionApiTest {
    /** Its own outlet: functions and variables are outlet-wide, so other tests' calls must not meet them. */
    static final long OUTLET = 63;

    @Inject
    Tokens tokens;

    @Inject
    TestDatabase database;

    String token;
    String suffix;

    @BeforeEach
    void setUp() {
        database.ensureOutlet(OUTLET, "FunctionApiTest");
        token = tokens.mint(OUTLET, null);
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    static String advancedCode(String name) {
        return "async function " + name + "(context) {\n    context.post_call.seen = true;\n}\n";
    }

    /** Functions of these tests run for no real call: they are limited to an agent no call has. */
    static final List<String> NO_AGENT = List.of("agent-of-no-call");

    static Map<String, Object> advanced(String name) {
        return Map.of("name", name, "mode", "advanced", "code", advancedCode(name), "agents", NO_AGENT);
    }

    static Map<String, Object> basic(String name, String url) {
        return Map.of("name", name, "mode", "basic", "agents", NO_AGENT,
                "api_url", url,
                "method", "POST",
                "headers", Map.of("Content-Type", "application/json"),
                "parameters", Map.of("lead", "{{lead_id}}", "status", "{{call_status}}"),
                "variables", Map.of("lead_id", "call_metadata.lead_id", "call_status", "post_call.call_status"),
                "condition", Map.of("call_type", "connected", "all", List.of(
                        Map.of("source", "post_call", "field", "interested", "operator", "==", "value", true))),
                "response_mapping", Map.of("crm_id", "$.id"));
    }

    @Test
    void anAdvancedFunctionIsSavedReadUpdatedAndDeleted() {
        String name = "calculateNDOA_" + suffix;
        int id = as(token).body(advanced(name))
                .post("/api/v1/functions").then().statusCode(201)
                .header("Location", containsString("/api/v1/functions/"))
                .body("name", equalTo(name)).body("mode", equalTo("advanced"))
                .body("code", equalTo(advancedCode(name))).body("enabled", equalTo(true))
                .body("order", notNullValue()).body("created_at", notNullValue())
                .extract().path("id");

        as(token).get("/api/v1/functions/{id}", id).then().statusCode(200).body("name", equalTo(name));
        as(token).get("/api/v1/functions").then().statusCode(200).body("items.id", hasItem(id));

        as(token).body(Map.of("name", name, "mode", "advanced", "code", advancedCode(name), "enabled", false,
                        "order", 7, "agents", List.of("agent-1")))
                .put("/api/v1/functions/{id}", id).then().statusCode(200)
                .body("enabled", equalTo(false)).body("order", equalTo(7)).body("agents", contains("agent-1"));

        as(token).delete("/api/v1/functions/{id}", id).then().statusCode(204);
        as(token).get("/api/v1/functions/{id}", id).then().statusCode(404);
    }

    @Test
    void aBasicFunctionKeepsTheIssuesShape() {
        String name = "updateLead_" + suffix;
        as(token).body(basic(name, "https://crm.example.com/leads/{{lead_id}}/update"))
                .post("/api/v1/functions").then().statusCode(201)
                .body("mode", equalTo("basic"))
                .body("api_url", equalTo("https://crm.example.com/leads/{{lead_id}}/update"))
                .body("method", equalTo("POST"))
                .body("parameters.lead", equalTo("{{lead_id}}"))
                .body("variables.call_status", equalTo("post_call.call_status"))
                .body("condition.call_type", equalTo("connected"))
                .body("condition.all[0].field", equalTo("interested"))
                .body("response_mapping.crm_id", equalTo("$.id"));
    }

    @Test
    void theSeedsSingleBraceUrlVariablesAreAccepted() {
        Map<String, Object> function = new java.util.HashMap<>(basic("seedUrl_" + suffix,
                "https://api.example.com/leads/{lead_id}/update"));
        as(token).body(function).post("/api/v1/functions").then().statusCode(201)
                .body("api_url", equalTo("https://api.example.com/leads/{lead_id}/update"));
    }

    @Test
    void aNameWithSpacesIsRejectedWithAClearError() {
        as(token).body(Map.of("name", "calculate NDOA", "mode", "advanced", "code", advancedCode("calculateNDOA")))
                .post("/api/v1/functions").then().statusCode(400)
                .body("field", equalTo("name"))
                .body("error", containsString("must not contain spaces"));
    }

    @Test
    void codeThatIsNotOneAsyncFunctionIsRejectedWithLineAndColumn() {
        String code = "function f(context) {}\n";
        as(token).body(Map.of("name", "f", "mode", "advanced", "code", code))
                .post("/api/v1/functions").then().statusCode(400)
                .body("field", equalTo("code"))
                .body("problems[0].line", equalTo(1)).body("problems[0].column", equalTo(1))
                .body("error", containsString("async function"));
    }

    @Test
    void theCodesFunctionNameMustBeTheFunctionsName() {
        as(token).body(Map.of("name", "calculateNDOA", "mode", "advanced",
                        "code", "\nasync function somethingElse(context) {}\n"))
                .post("/api/v1/functions").then().statusCode(400)
                .body("field", equalTo("code"))
                .body("problems[0].line", equalTo(2)).body("problems[0].column", equalTo(16))
                .body("error", containsString("somethingElse"));
    }

    @Test
    void forbiddenApisAreRejectedAtSaveWithTheirLines() {
        String code = "async function leak(context) {\n  const env = process.env;\n  eval('1');\n}\n";
        as(token).body(Map.of("name", "leak", "mode", "advanced", "code", code))
                .post("/api/v1/functions").then().statusCode(400)
                .body("problems.line", contains(2, 3))
                .body("problems[0].message", containsString("process"))
                .body("problems[1].message", containsString("eval"));
    }

    @Test
    void validateAnswersProblemsWithLinesAndColumnsAndSavesNothing() {
        as(token).body(Map.of("code", "async function f(context) {\n  const x = ;\n}\n"))
                .post("/api/v1/functions/validate").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("problems[0].line", equalTo(2))
                .body("problems[0].column", notNullValue())
                .body("problems[0].message", containsString("syntax error"));
        as(token).body(advanced("ok_" + suffix))
                .post("/api/v1/functions/validate").then().statusCode(200)
                .body("valid", equalTo(true)).body("problems", empty());
        as(token).get("/api/v1/functions").then().body("items.name", not(hasItem("ok_" + suffix)));
    }

    @Test
    void basicFieldsAreCheckedAndNamed() {
        as(token).body(Map.of("name", "bad_" + suffix, "mode", "basic", "api_url", "https://x.example.com/{{who}}",
                        "method", "FETCH", "parameters", Map.of(),
                        "condition", Map.of("call_type", "sometimes"),
                        "response_mapping", Map.of("id", "$[")))
                .post("/api/v1/functions/validate").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("problems.field", hasItem("method"))
                .body("problems.field", hasItem("api_url"))
                .body("problems.field", hasItem("condition.call_type"))
                .body("problems.field", hasItem("response_mapping.id"));
        as(token).body(Map.of("name", "noUrl_" + suffix, "mode", "basic", "method", "GET", "parameters", Map.of()))
                .post("/api/v1/functions").then().statusCode(400).body("field", equalTo("api_url"));
    }

    @Test
    void aDuplicateNameIsAConflict() {
        String name = "twice_" + suffix;
        as(token).body(advanced(name))
                .post("/api/v1/functions").then().statusCode(201);
        as(token).body(advanced(name))
                .post("/api/v1/functions").then().statusCode(409).body("field", equalTo("name"));
    }

    @Test
    void anotherOutletsFunctionIsNotFound() {
        database.ensureOutlet(TestDatabase.SECOND_OUTLET, "Second outlet");
        String other = tokens.mint(TestDatabase.SECOND_OUTLET, null);
        String name = "mine_" + suffix;
        int id = as(token).body(advanced(name))
                .post("/api/v1/functions").then().statusCode(201).extract().path("id");

        as(other).get("/api/v1/functions/{id}", id).then().statusCode(404);
        as(other).body(advanced(name))
                .put("/api/v1/functions/{id}", id).then().statusCode(404);
        as(other).delete("/api/v1/functions/{id}", id).then().statusCode(404);
        as(other).body(Map.of("context", Map.of())).post("/api/v1/functions/{id}/test", id).then().statusCode(404);
        as(other).get("/api/v1/functions").then().body("items.id", not(hasItem(id)));
        as(token).get("/api/v1/functions/{id}", id).then().statusCode(200);
    }

    @Test
    void withoutATokenNothingIsAnswered() {
        io.restassured.RestAssured.given().get("/api/v1/functions").then().statusCode(401);
    }
}
