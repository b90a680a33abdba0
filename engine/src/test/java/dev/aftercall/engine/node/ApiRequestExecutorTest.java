package dev.aftercall.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.aftercall.engine.auth.AuthProfile;
import dev.aftercall.engine.auth.AuthProfiles;
import dev.aftercall.engine.flow.FlowDocuments;
import dev.aftercall.engine.http.JdkHttpPort;
import dev.aftercall.engine.model.Flow;
import dev.aftercall.engine.run.CallData;
import dev.aftercall.engine.run.Delayer;
import dev.aftercall.engine.run.FlowRunner;
import dev.aftercall.engine.run.NodeExecutors;
import dev.aftercall.engine.run.RunEnvironment;
import dev.aftercall.engine.run.RunState;
import dev.aftercall.engine.run.Step;
import dev.aftercall.engine.testing.StubTarget;
import dev.aftercall.engine.testing.StubTarget.Reply;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API Request node against a real HTTP server on loopback. */
class ApiRequestExecutorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StubTarget target = new StubTarget().start();
    /** Records each backoff wait instead of sleeping, so the tests see the schedule and stay fast. */
    private final List<Long> waits = new CopyOnWriteArrayList<>();
    private final Delayer recordingDelayer = millis -> {
        waits.add(millis);
        return CompletableFuture.completedFuture(null);
    };
    private final FlowRunner runner = new FlowRunner(NodeExecutors.standard(new JdkHttpPort(), recordingDelayer));

    @AfterEach
    void stop() {
        target.close();
    }

    private Flow flow(String nodeJson, boolean errorPortConnected) throws Exception {
        String edges = "{\"from\": \"start\", \"to\": \"call\"}"
                + (errorPortConnected ? ", {\"from\": \"call\", \"port\": \"error\", \"to\": \"failed\"}" : "");
        return FlowDocuments.parse(JSON.readTree("""
                {"nodes": [{"id": "start", "type": "start"}, %s,
                           {"id": "failed", "type": "set_variable", "assignments": {"failed": true}}],
                 "edges": [%s%s]}""".formatted(nodeJson, edges,
                errorPortConnected ? "" : ", {\"from\": \"call\", \"to\": \"failed\"}")));
    }

    private RunState run(Flow flow, AuthProfiles profiles, String callJson) throws Exception {
        CallData call = CallData.fromCall(JSON.readTree(callJson));
        return runner.run(flow, RunState.begin("c1:f1", "start", call), new RunEnvironment(profiles, null))
                .toCompletableFuture().join();
    }

    private String node(String extra) {
        return "{\"id\": \"call\", \"type\": \"api_request\", \"method\": \"POST\", \"url\": \"" + target.baseUrl()
                + "/leads\"" + extra + "}";
    }

    @Test
    void retriesA503WithTheSameIdempotencyKeyThenMapsTheAnswer() throws Exception {
        target.respond("POST", "/leads", Reply.json(503, "{\"error\": \"busy\"}"), Reply.json(200, "{\"id\": \"crm-123\"}"));
        Flow flow = flow(node(", \"body\": {\"lead\": \"{{call_metadata.lead_id}}\"}, "
                + "\"retry\": {\"max_attempts\": 3, \"base_delay_ms\": 100}, \"response_mapping\": {\"crm_id\": \"$.id\"}"), false);

        RunState state = run(flow, AuthProfiles.NONE, "{\"call_id\": \"c1\", \"call_metadata\": {\"lead_id\": 7}}");

        assertThat(state.status()).isEqualTo(RunState.Status.COMPLETED);
        assertThat(target.requestsTo("/leads")).hasSize(2)
                .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isEqualTo("c1:f1:call"));
        assertThat(target.requests().get(1).json().get("lead").isInt()).isTrue();
        Step step = state.steps().get(1);
        assertThat(step.attempts()).isEqualTo(2);
        assertThat(step.port()).isEqualTo("ok");
        assertThat(step.warnings()).anyMatch(w -> w.contains("attempt 1 failed (HTTP 503)"));
        assertThat(state.variables().get("crm_id").asText()).isEqualTo("crm-123");
        assertThat(waits).singleElement().satisfies(w -> assertThat(w).isBetween(50L, 100L));
    }

    @Test
    void backoffGrowsExponentiallyWithJitterAndGivesUpAfterMaxAttempts() throws Exception {
        target.respond("POST", "/leads", 500, "{}");
        Flow flow = flow(node(", \"retry\": {\"max_attempts\": 4, \"base_delay_ms\": 1000}"), true);

        RunState state = run(flow, AuthProfiles.NONE, "{\"call_id\": \"c1\"}");

        assertThat(target.requests()).hasSize(4);
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(500L, 1000L);
        assertThat(waits.get(1)).isBetween(1000L, 2000L);
        assertThat(waits.get(2)).isBetween(2000L, 4000L);
        assertThat(state.status()).isEqualTo(RunState.Status.COMPLETED);
        assertThat(state.steps()).extracting(Step::port).containsExactly("next", "error", "next");
        assertThat(state.steps().get(1).error()).isEqualTo("HTTP 500 after 4 attempt(s)");
    }

    @Test
    void retryAfterFromTheServerSetsTheWait() throws Exception {
        target.respond("POST", "/leads", Reply.json(429, "{}").withHeader("Retry-After", "2"), Reply.json(200, "{}"));

        run(flow(node(""), false), AuthProfiles.NONE, "{\"call_id\": \"c1\"}");

        assertThat(waits).containsExactly(2000L);
    }

    @Test
    void clientErrorIsNotRetriedAndAnUnconnectedErrorPortFailsTheRun() throws Exception {
        target.respond("POST", "/leads", 400, "{\"error\": \"bad lead\"}");

        RunState state = run(flow(node(""), false), AuthProfiles.NONE, "{\"call_id\": \"c1\"}");

        assertThat(target.requests()).hasSize(1);
        assertThat(state.status()).isEqualTo(RunState.Status.FAILED);
        assertThat(state.error()).isEqualTo("node 'call': HTTP 400 after 1 attempt(s)");
        assertThat(state.steps().get(1).response().get("body").get("error").asText()).isEqualTo("bad lead");
    }

    @Test
    void refusedConnectionIsRetriedThenTakesTheErrorPort() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Flow flow = flow("{\"id\": \"call\", \"type\": \"api_request\", \"url\": \"http://127.0.0.1:" + closedPort
                + "/x\", \"retry\": {\"max_attempts\": 2, \"base_delay_ms\": 10}}", true);

        RunState state = run(flow, AuthProfiles.NONE, "{\"call_id\": \"c1\"}");

        assertThat(waits).hasSize(1);
        assertThat(state.steps().get(1).port()).isEqualTo("error");
        assertThat(state.steps().get(1).error()).contains("ConnectException");
        assertThat(state.variables().get("failed").asBoolean()).isTrue();
    }

    @Test
    void slowTargetTimesOutAtTheNodesTimeout() throws Exception {
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.createContext("/", exchange -> {
            try {
                Thread.sleep(3_000);
                exchange.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slow.start();
        try {
            Flow flow = flow("{\"id\": \"call\", \"type\": \"api_request\", \"url\": \"http://127.0.0.1:"
                    + slow.getAddress().getPort() + "/x\", \"timeout_ms\": 200, \"retry\": {\"max_attempts\": 1}}", true);

            RunState state = run(flow, AuthProfiles.NONE, "{\"call_id\": \"c1\"}");

            assertThat(state.steps().get(1).error()).contains("HttpTimeoutException");
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void bearerProfileIsSentButNeverRecordedInTheTrace() throws Exception {
        target.respond("POST", "/leads", 200, "{\"echo\": \"s3cr3t-token-value\"}");
        AuthProfiles profiles = name -> "crm".equals(name)
                ? Optional.of(new AuthProfile.Bearer("s3cr3t-token-value")) : Optional.empty();
        Flow flow = flow(node(", \"auth_profile\": \"crm\", \"body\": {\"note\": \"{{call_metadata.note}}\"}"), false);

        RunState state = run(flow, profiles, "{\"call_id\": \"c1\", \"call_metadata\": {\"note\": \"s3cr3t-token-value\"}}");

        assertThat(target.requests().get(0).header("Authorization")).isEqualTo("Bearer s3cr3t-token-value");
        String trace = dev.aftercall.engine.run.EngineJson.MAPPER.writeValueAsString(state.steps());
        assertThat(trace).doesNotContain("s3cr3t-token-value").contains("***");
    }

    @Test
    void apiKeyInTheQueryIsSentAndMaskedInTheRecordedUrl() throws Exception {
        target.respond("GET", "/leads", 200, "{}");
        AuthProfiles profiles = name -> Optional.of(new AuthProfile.ApiKey("query", "api_key", "k-123456"));
        Flow flow = flow("{\"id\": \"call\", \"type\": \"api_request\", \"url\": \"" + target.baseUrl()
                + "/leads\", \"auth_profile\": \"k\", \"query\": {\"phone\": \"{{interaction.USER_PHONE_NUMBER}}\"}}", false);

        RunState state = run(flow, profiles, "{\"call_id\": \"c1\", \"user_phone_number\": \"+91 98 & 7\"}");

        assertThat(target.requests().get(0).query()).containsEntry("api_key", List.of("k-123456"))
                .containsEntry("phone", List.of("+91 98 & 7"));
        assertThat(state.steps().get(1).request().get("url").asText()).contains("api_key=***")
                .contains("phone=%2B91%2098%20%26%207");
    }

    @Test
    void oauth2TokenIsFetchedOnceAndReusedUntilItExpires() throws Exception {
        target.respond("POST", "/oauth/token", 200, "{\"access_token\": \"tok-1\", \"expires_in\": 3600}");
        target.respond("POST", "/leads", 200, "{}");
        // A client id of its own, so no token cached by another test is reused.
        AuthProfile oauth = new AuthProfile.OAuth2ClientCredentials(
                target.baseUrl() + "/oauth/token", "client-" + System.nanoTime(), "client-secret-1", "crm.write", null);
        AuthProfiles profiles = name -> Optional.of(oauth);
        Flow flow = flow(node(", \"auth_profile\": \"oauth\""), false);

        run(flow, profiles, "{\"call_id\": \"c1\"}");
        run(flow, profiles, "{\"call_id\": \"c2\"}");

        assertThat(target.requestsTo("/oauth/token")).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("grant_type=client_credentials").contains("scope=crm.write"));
        assertThat(target.requestsTo("/leads")).hasSize(2)
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer tok-1"));
    }

    @Test
    void baseUrlFromAVariableIsInsertedAsIsWhilePathValuesAreEncoded() throws Exception {
        target.respond("POST", "/leads/a b", 200, "{}");
        Flow flow = flow("{\"id\": \"call\", \"type\": \"api_request\", \"method\": \"POST\", "
                + "\"url\": \"{{call_metadata.crm_base}}/leads/{{call_metadata.lead}}\"}", false);

        RunState state = run(flow, AuthProfiles.NONE, "{\"call_id\": \"c1\", \"call_metadata\": {\"crm_base\": \""
                + target.baseUrl() + "\", \"lead\": \"a b\"}}");

        assertThat(state.status()).isEqualTo(RunState.Status.COMPLETED);
        assertThat(state.steps().get(1).request().get("url").asText()).isEqualTo(target.baseUrl() + "/leads/a%20b");
        assertThat(target.requestsTo("/leads/a b")).hasSize(1);
    }

    @Test
    void unusableUrlTakesTheErrorPortWithTheReason() throws Exception {
        Flow flow = flow("{\"id\": \"call\", \"type\": \"api_request\", \"url\": \"{{call_metadata.crm_base}}/x\"}", true);

        RunState state = run(flow, AuthProfiles.NONE, "{\"call_id\": \"c1\", \"call_metadata\": {\"crm_base\": \"not a url\"}}");

        assertThat(state.status()).isEqualTo(RunState.Status.COMPLETED);
        assertThat(state.steps().get(1).port()).isEqualTo("error");
        assertThat(state.steps().get(1).error()).contains("invalid URL").doesNotContain("authentication");
    }

    @Test
    void missingAuthProfileFailsTheNodeWithItsName() throws Exception {
        RunState state = run(flow(node(", \"auth_profile\": \"nope\""), false), AuthProfiles.NONE, "{\"call_id\": \"c1\"}");

        assertThat(state.status()).isEqualTo(RunState.Status.FAILED);
        assertThat(state.error()).contains("auth profile 'nope' not found");
        assertThat(target.requests()).isEmpty();
    }

    @Test
    void responseMappingKeepsJsonTypesAndWarnsOnMissingPaths() throws Exception {
        target.respond("POST", "/leads", 200, "{\"n\": 42, \"ok\": true, \"tags\": [\"a\"], \"owner\": {\"id\": 5}}");
        Flow flow = flow(node(", \"response_mapping\": {\"n\": \"$.n\", \"ok\": \"$.ok\", \"tags\": \"$.tags\", "
                + "\"owner\": \"$.owner\", \"gone\": \"$.missing.field\"}"), false);

        RunState state = run(flow, AuthProfiles.NONE, "{\"call_id\": \"c1\"}");

        ObjectNode vars = state.variables();
        assertThat(vars.get("n").isInt()).isTrue();
        assertThat(vars.get("ok").isBoolean()).isTrue();
        assertThat(vars.get("tags").isArray()).isTrue();
        assertThat(vars.get("owner").get("id").asInt()).isEqualTo(5);
        assertThat(vars.get("gone").isNull()).isTrue();
        assertThat(state.steps().get(1).warnings()).anyMatch(w -> w.contains("'gone'"));
    }

    @Test
    void templatedHeaderCannotInjectAnotherHeader() throws Exception {
        target.respond("POST", "/leads", 200, "{}");
        Flow flow = flow(node(", \"headers\": {\"X-Lead\": \"{{call_metadata.lead}}\"}"), false);

        RunState state = run(flow, AuthProfiles.NONE,
                "{\"call_id\": \"c1\", \"call_metadata\": {\"lead\": \"7\\r\\nX-Admin: yes\"}}");

        assertThat(target.requests().get(0).header("X-Admin")).isNull();
        assertThat(target.requests().get(0).header("X-Lead")).isEqualTo("7 X-Admin: yes");
        assertThat(state.steps().get(1).warnings()).anyMatch(w -> w.contains("line breaks removed"));
    }

    @Test
    void previewSendsOnceAndAnswersDataMetaAndMapping() throws Exception {
        target.respond("POST", "/tickets", 503, "{\"error\": \"down\"}");
        target.respond("GET", "/tickets/9", 200, "{\"ticket\": {\"id\": 9}}");
        var node = (dev.aftercall.engine.model.ApiRequestNode) FlowDocuments.parse(JSON.readTree(
                "{\"nodes\": [{\"id\": \"start\", \"type\": \"start\"}, {\"id\": \"t\", \"type\": \"api_request\", \"url\": \""
                        + target.baseUrl() + "/tickets/{{id}}\", \"response_mapping\": {\"ticket_id\": \"$.ticket.id\"}}],"
                        + "\"edges\": [{\"from\": \"start\", \"to\": \"t\"}]}")).node("t").orElseThrow();

        var result = ApiRequestPreview.send(node, name -> "id".equals(name)
                ? Optional.of(JSON.getNodeFactory().numberNode(9)) : Optional.empty(), AuthProfiles.NONE,
                new JdkHttpPort()).toCompletableFuture().join();

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.data().get("ticket").get("id").asInt()).isEqualTo(9);
        assertThat(result.mapped().get("ticket_id").asInt()).isEqualTo(9);
        assertThat(result.sizeBytes()).isPositive();
        assertThat(result.headers()).extracting(Map.Entry::getKey).isNotEmpty();
        assertThat(result.error()).isNull();
    }
}
