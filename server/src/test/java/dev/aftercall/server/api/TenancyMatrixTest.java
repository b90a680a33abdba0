package dev.aftercall.server.api;

import static dev.aftercall.server.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.flow.SampleFlows;
import dev.aftercall.server.http.StubTarget;
import dev.aftercall.server.support.Api;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outlet B's token against every endpoint of the API, aimed at outlet A's objects. The endpoints come from the
 * served OpenAPI document, so an endpoint added later without a row here fails this test until someone says
 * which of A's objects its path parameters name.
 *
 * <p>Owned objects (a flow, a call, a run, ...) must be 403 or 404 for B, whatever the method, and B's answers
 * must never contain A's markers. Names that are scoped by the outlet (an agent's name) may answer B's own,
 * empty view, but still nothing of A's. Afterwards every one of A's objects is as A left it.
 */
@QuarkusTest
class TenancyMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final List<String> SKIPPED_PREFIXES = List.of(
            "/q/", // health, metrics, OpenAPI: no outlet data
            "/editor", // HTML shells; their data comes from the API endpoints checked here
            "/api/v1/editor/session", // answers the caller's own outlet only
            "/hooks/"); // no JWT by design: the path token names the outlet (IntakeSecurityTest covers it)

    @Inject
    Tokens tokens;

    @Inject
    TestDatabase database;

    StubTarget target;
    String tokenA;
    String tokenB;
    String marker;
    /** A's agent; not marked, since an outlet-scoped answer may echo the name it was asked for. */
    String agent;
    final Map<String, String> objectsOfA = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        database.ensureOutlet(31, "Tenant A");
        database.ensureOutlet(32, "Tenant B");
        tokenA = tokens.mint(31, null);
        tokenB = tokens.mint(32, null);
        marker = "tenant-a-" + UUID.randomUUID();
        agent = "agent-" + UUID.randomUUID();
        target = StubTarget.start().answer(StubTarget.Answer.json(201, "{\"ticket\":{\"id\":\"T-1\"}}"));
        createObjectsOfA();
    }

    @AfterEach
    void tearDown() {
        target.close();
    }

    /** One object of each kind, all named with the marker so that a leak is visible in any answer. */
    private void createObjectsOfA() {
        int profile = as(tokenA).body(Map.of("name", marker + "-profile", "type", "bearer", "token", marker + "-secret"))
                .post("/api/v1/auth-profiles").then().statusCode(201).extract().path("id");
        objectsOfA.put("auth_profile", String.valueOf(profile));

        String flow = SampleFlows.helpdesk(marker + "-flow", target.url("/api/tickets"), null, List.of(agent))
                .toString();
        int flowId = as(tokenA).body(flow).post("/api/v1/flows").then().statusCode(201).extract().path("id");
        as(tokenA).post("/api/v1/flows/{id}/publish", flowId).then().statusCode(200);
        objectsOfA.put("flow", String.valueOf(flowId));
        objectsOfA.put("flow_document", flow);

        String functionName = "tenantA_" + UUID.randomUUID().toString().replace("-", "");
        int function = as(tokenA).body(Map.of("name", functionName, "mode", "advanced", "code",
                        "async function " + functionName + "(context) {\n  // " + marker + "\n  return context;\n}"))
                .post("/api/v1/functions").then().statusCode(201).extract().path("id");
        objectsOfA.put("function", String.valueOf(function));
        // A webhook (a delivery) and a follow-up (a scheduled call) for the call below.
        as(tokenA).body("""
                [{"type": "webhook", "name": "tenant-webhook",
                  "condition": {"field": "disposition", "operator": "==", "value": "escalated"},
                  "config": {"url": "%s"}},
                 {"type": "schedule_call", "name": "tenant-follow-up",
                  "condition": {"field": "disposition", "operator": "==", "value": "escalated"},
                  "config": {"fallback_delay_minutes": 1440, "from_number": "+908501234567"}}]"""
                        .formatted(target.url("/hooks/" + marker)))
                .put("/api/v1/agents/{agent}/actions", agent).then().statusCode(200);
        objectsOfA.put("action", "tenant-webhook");

        // Not marked either: a 404 may name the id it was asked for. The marker is in the call's content.
        String callId = "call-" + UUID.randomUUID();
        Map<String, Object> call = new LinkedHashMap<>(SampleFlows.call(callId, agent, "escalated"));
        call.put("call_metadata", Map.of("note", marker + "-metadata"));
        as(tokenA).body(call).post("/api/v1/calls").then().statusCode(202);
        int runId = Api.awaitFinished(tokenA, callId).statusCode(200).extract().path("flow_runs[0].id");
        objectsOfA.put("call", callId);
        objectsOfA.put("flow_run", String.valueOf(runId));
        objectsOfA.put("agent", agent);
        objectsOfA.put("delivery", String.valueOf(as(tokenA).get("/api/v1/calls/{id}/deliveries", callId).then()
                .statusCode(200).extract().<Integer>path("items[0].id")));
        objectsOfA.put("scheduled_call", String.valueOf(as(tokenA).get("/api/v1/scheduled-calls?call_id=" + callId)
                .then().statusCode(200).extract().<Integer>path("items[0].id")));
        objectsOfA.put("outlet", "31");

        // An intake token, and a delivery through it that the intake log keeps (marked in its body).
        var hook = as(tokenA).body(Map.of("platform", "generic", "secret", marker + "-hook-secret"))
                .post("/api/v1/intake-tokens").then().statusCode(201).extract();
        objectsOfA.put("intake_token", String.valueOf(hook.<Integer>path("id")));
        Map<String, Object> delivered = new LinkedHashMap<>(Api.call("call-" + UUID.randomUUID(), "hook-" + agent));
        delivered.put("call_metadata", Map.of("note", marker + "-delivered"));
        String url = hook.path("url");
        given().contentType("application/json").body(delivered).post(url.substring(url.indexOf("/hooks/")))
                .then().statusCode(401); // unsigned, so rejected, but logged
        int logId = as(tokenA).get("/api/v1/intake-log").then().statusCode(200).extract().path("items[0].id");
        objectsOfA.put("intake_log", String.valueOf(logId));
    }

    /** Which of A's objects a path parameter names, by the path it appears in. */
    private String objectFor(String path, String param) {
        if (param.equals("outlet_id")) {
            return objectsOfA.get("outlet");
        }
        if (param.equals("agent")) {
            return objectsOfA.get("agent");
        }
        if (param.equals("call_id") || param.equals("callId")) {
            return objectsOfA.get("call");
        }
        if (param.equals("name") && path.startsWith("/api/v1/agents/")) {
            return objectsOfA.get("action");
        }
        if (path.startsWith("/api/v1/functions/")) {
            return objectsOfA.get("function");
        }
        if (path.startsWith("/api/v1/deliveries/")) {
            return objectsOfA.get("delivery");
        }
        if (path.startsWith("/api/v1/scheduled-calls/")) {
            return objectsOfA.get("scheduled_call");
        }
        if (path.startsWith("/api/v1/flows/")) {
            return objectsOfA.get("flow");
        }
        if (path.startsWith("/api/v1/flow-runs/")) {
            return objectsOfA.get("flow_run");
        }
        if (path.startsWith("/api/v1/auth-profiles/")) {
            return objectsOfA.get("auth_profile");
        }
        if (path.startsWith("/api/v1/intake-tokens/")) {
            return objectsOfA.get("intake_token");
        }
        if (path.startsWith("/api/v1/intake-log/")) {
            return objectsOfA.get("intake_log");
        }
        return null;
    }

    /** Paths whose parameter is a name inside the caller's own outlet: B may see its own (empty) view. */
    private static boolean outletScopedName(String path) {
        return path.contains("{agent}");
    }

    private String bodyFor(String path, String method) {
        if (method.equals("put") && path.equals("/api/v1/flows/{id}")) {
            return objectsOfA.get("flow_document");
        }
        if (path.endsWith("/test-run")) {
            return toJson(Api.call(marker + "-probe", agent));
        }
        return "{}";
    }

    @Test
    void outletBsTokenReachesNoneOfOutletAsObjectsThroughAnyEndpoint() throws Exception {
        JsonNode paths = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString())
                .path("paths");
        List<String> uncovered = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        int owned = 0;
        int scoped = 0;
        int lists = 0;
        for (var entry : iterable(paths.fields())) {
            String path = entry.getKey();
            if (SKIPPED_PREFIXES.stream().anyMatch(path::startsWith)) {
                continue;
            }
            for (var operation : iterable(entry.getValue().fieldNames())) {
                if (!List.of("get", "post", "put", "patch", "delete").contains(operation)) {
                    continue;
                }
                String concrete = fill(path, uncovered);
                if (concrete == null) {
                    continue;
                }
                Response answer = as(tokenB).body(bodyFor(path, operation)).request(operation.toUpperCase(), concrete);
                String text = answer.asString();
                String where = operation.toUpperCase() + " " + path + " -> " + answer.statusCode();
                if (text.contains(marker)) {
                    leaks.add(where + " answered A's data: " + text);
                }
                if (answer.statusCode() >= 500) {
                    leaks.add(where + " (a server error)");
                }
                if (PARAM.matcher(path).find() && !outletScopedName(path)) {
                    owned++;
                    if (answer.statusCode() != 403 && answer.statusCode() != 404) {
                        leaks.add(where + ", expected 403 or 404: " + text);
                    }
                } else if (PARAM.matcher(path).find()) {
                    scoped++;
                } else {
                    lists++;
                }
            }
        }
        assertThat(uncovered).as("endpoints whose parameters this matrix cannot fill yet").isEmpty();
        assertThat(leaks).as("outlet B reached outlet A's objects").isEmpty();
        assertThat(owned).as("endpoints on owned objects tried").isGreaterThanOrEqualTo(10);
        System.out.printf("tenancy matrix: %d endpoints on A's objects, %d outlet-scoped names, %d lists/creates tried%n",
                owned, scoped, lists);
        assertObjectsOfAUnchanged();
    }

    private String fill(String path, List<String> uncovered) {
        Matcher params = PARAM.matcher(path);
        StringBuilder concrete = new StringBuilder();
        while (params.find()) {
            String value = objectFor(path, params.group(1));
            if (value == null) {
                uncovered.add(path + " {" + params.group(1) + "}");
                return null;
            }
            params.appendReplacement(concrete, Matcher.quoteReplacement(value));
        }
        params.appendTail(concrete);
        return concrete.toString();
    }

    private void assertObjectsOfAUnchanged() {
        as(tokenA).get("/api/v1/flows/{id}", objectsOfA.get("flow")).then().statusCode(200);
        as(tokenA).get("/api/v1/flows/{id}/versions", objectsOfA.get("flow")).then().statusCode(200);
        as(tokenA).get("/api/v1/auth-profiles/{id}", objectsOfA.get("auth_profile")).then().statusCode(200);
        as(tokenA).get("/api/v1/calls/{id}", objectsOfA.get("call")).then().statusCode(200);
        String runs = as(tokenA).get("/api/v1/calls/{id}", objectsOfA.get("call")).then().extract().asString();
        assertThat(runs).contains("\"id\":" + objectsOfA.get("flow_run"));
        as(tokenA).get("/api/v1/intake-tokens").then().body("items.id.collect { it.toString() }",
                org.hamcrest.Matchers.hasItem(objectsOfA.get("intake_token")));
        as(tokenA).get("/api/v1/intake-log/{id}", objectsOfA.get("intake_log")).then().statusCode(200);
        as(tokenA).get("/api/v1/functions/{id}", objectsOfA.get("function")).then().statusCode(200);
        as(tokenA).get("/api/v1/deliveries/{id}", objectsOfA.get("delivery")).then().statusCode(200);
        as(tokenA).get("/api/v1/scheduled-calls/{id}", objectsOfA.get("scheduled_call")).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("scheduled"));
        as(tokenA).get("/api/v1/agents/{agent}/actions", objectsOfA.get("agent")).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.hasItem(objectsOfA.get("action")));
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
