package dev.aftercall.server.api;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import dev.aftercall.server.auth.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input at the API: each is a clear 4xx (or, for a run, a bounded failure in its trace), never a 5xx, a
 * hang or a crash; the service still answers afterwards. The engine's own suites cover the same classes of input
 * one level down (templates, JSONPaths, regexes, validator); these go through HTTP, JSON parsing and the database.
 */
@QuarkusTest
class HostileInputTest {
    private static final String[] ENDPOINTS = {"/api/v1/calls", "/api/v1/flows", "/api/v1/flows/validate",
            "/api/v1/auth-profiles", "/api/v1/nodes/api-request/test"};

    @Inject
    Tokens tokens;

    String token;

    @BeforeEach
    void setUp() {
        token = tokens.mint(1, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"call_id\": }", "[1, 2", "nul", "{\"a\": \"\\u12\"}", "\u0000\u0001", "{'a': 1}",
            "{\"a\": 1} trailing", "{\"a\": NaN}"})
    void malformedJsonIs400Everywhere(String body) {
        for (String endpoint : ENDPOINTS) {
            as(token).body(body).post(endpoint).then().statusCode(400).body("error", notNullValue());
        }
    }

    @Test
    void deeplyNestedJsonIs400NotAStackOverflow() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        String deepObject = "{\"call_id\": \"deep\", \"call_metadata\": " + "{\"a\":".repeat(5_000) + "1"
                + "}".repeat(5_000) + "}";
        for (String endpoint : ENDPOINTS) {
            as(token).body(deep).post(endpoint).then().statusCode(400);
            as(token).body(deepObject).post(endpoint).then().statusCode(anyOf(is(400), is(413)));
        }
        as(token).get("/api/v1/calls").then().statusCode(200);
    }

    @Test
    void aHugeBodyIs413WithAJsonError() {
        String huge = "{\"call_id\": \"huge\", \"summary\": \"" + "x".repeat(6 * 1024 * 1024) + "\"}";
        as(token).body(huge).post("/api/v1/calls").then().statusCode(413).body("error", notNullValue());
        as(token).get("/api/v1/calls/huge").then().statusCode(404);
    }

    @Test
    void aFlowOfTenThousandNodesIsValidatedNotRunOutOfStackAndOneMoreIsRefused() {
        as(token).body(chain(10_000)).post("/api/v1/flows/validate").then().statusCode(200).body("valid", equalTo(true));
        as(token).body(chain(10_001)).post("/api/v1/flows/validate").then().statusCode(200)
                .body("valid", equalTo(false)).body("errors[0].error", containsString("at most 10000 nodes"));
    }

    /** A start node and {@code size - 1} set-variable nodes in one line. */
    private static String chain(int size) {
        StringBuilder nodes = new StringBuilder("{\"id\": \"start\", \"type\": \"start\"}");
        StringBuilder edges = new StringBuilder();
        String previous = "start";
        for (int i = 0; i < size - 1; i++) {
            nodes.append(", {\"id\": \"n").append(i).append("\", \"type\": \"set_variable\", \"assignments\": {\"v\": ")
                    .append(i).append("}}");
            edges.append(i == 0 ? "" : ", ").append("{\"from\": \"").append(previous).append("\", \"to\": \"n")
                    .append(i).append("\"}");
            previous = "n" + i;
        }
        return "{\"name\": \"long-" + UUID.randomUUID() + "\", \"nodes\": [" + nodes + "], \"edges\": [" + edges
                + "]}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{", "}}{{", "{{ {{x}} }}", "{{a}", "{{}}", "{{a b c}}"})
    void brokenTemplatesAre400NamingTheNodeAndField(String template) {
        String flow = """
                {"name": "t", "nodes": [{"id": "start", "type": "start"},
                  {"id": "call_crm", "type": "api_request", "method": "POST", "url": "http://127.0.0.1:9/x",
                   "body": {"note": %s}}],
                 "edges": [{"from": "start", "to": "call_crm"}]}""".formatted(quote(template));
        as(token).body(flow).post("/api/v1/flows/validate").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].node", equalTo("call_crm"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$..*..*..*..*", "$[?(@.a =~ /(a+)+$/)]", "$.a[0:99999999999]", "$[", "no-dollar"})
    void explodingOrBrokenJsonPathsAreRefusedOrBounded(String path) {
        String flow = """
                {"name": "p", "nodes": [{"id": "start", "type": "start"},
                  {"id": "fetch", "type": "api_request", "method": "GET", "url": "http://127.0.0.1:9/x",
                   "response_mapping": {"v": %s}}],
                 "edges": [{"from": "start", "to": "fetch"}]}""".formatted(quote(path));
        as(token).body(flow).post("/api/v1/flows/validate").then().statusCode(200).body("valid", notNullValue());
    }

    @Test
    void aBacktrackingRegexInADecisionEndsWithinItsTimeBound() {
        String flow = """
                {"name": "r", "nodes": [{"id": "start", "type": "start"},
                  {"id": "check", "type": "decision", "branches": [{"port": "yes", "match": "all", "conditions": [
                    {"left": "{{interaction.SUMMARY}}", "operator": "matches", "right": "^(a+)+$"}]}],
                   "default_port": "no"}],
                 "edges": [{"from": "start", "to": "check"}]}""";
        int id = as(token).body(flow).post("/api/v1/flows").then().statusCode(201).extract().path("id");
        String evil = "a".repeat(40) + "!";

        String answer = as(token).body(Map.of("call", Map.of("call_id", "regex", "summary", evil)))
                .post("/api/v1/flows/{id}/test-run", id).then().statusCode(200)
                .body("status", anyOf(equalTo("failed"), equalTo("completed")))
                .extract().asString();

        assertThat(answer).containsAnyOf("time", "regex", "no");
    }

    @Test
    void controlCharactersInTemplatedHeadersCannotSplitTheRequest() {
        as(token).body(Map.of("node", Map.of("method", "GET", "url", "http://127.0.0.1:9/x",
                        "headers", Map.of("X-Note", "{{note}}")),
                        "variables", Map.of("note", "ok\r\nX-Injected: yes")))
                .post("/api/v1/nodes/api-request/test").then().statusCode(200)
                .body("request.headers.X-Injected", org.hamcrest.Matchers.nullValue())
                .body("request.headers.X-Note", containsString("X-Injected"));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
