package dev.aftercall.server.flow;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.http.StubTarget;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/nodes/api-request/test}: the editor's Send button, and auth profiles on the wire. */
@QuarkusTest
class ApiRequestTestEndpointTest {
    private static final String TICKET = "{\"ticket\":{\"id\":\"T-1\",\"priority\":2}}";

    @Inject
    Tokens tokens;

    String token;
    StubTarget target;

    @BeforeEach
    void setUp() {
        token = tokens.mint(1, null);
        target = StubTarget.start().answer(new StubTarget.Answer(200,
                Map.of("Content-Type", "application/json", "X-Request-Id", "req-7"),
                TICKET.getBytes(StandardCharsets.UTF_8), Duration.ZERO));
    }

    @AfterEach
    void tearDown() {
        target.close();
    }

    private Map<String, Object> node(String path, String authProfile) {
        Map<String, Object> node = new HashMap<>();
        node.put("method", "POST");
        node.put("url", target.url(path));
        node.put("body", Map.of("call", "{{interaction.CALL_ID}}", "lead", "{{lead_id}}"));
        node.put("response_mapping", Map.of("ticket_id", "$.ticket.id", "priority", "$.ticket.priority"));
        if (authProfile != null) {
            node.put("auth_profile", authProfile);
        }
        return node;
    }

    private static Map<String, Object> variables() {
        return Map.of("interaction", Map.of("CALL_ID", "c-9"), "lead_id", 7);
    }

    @Test
    void answersDataMetaAndWhatTheMappingWouldSet() {
        as(token).body(Map.of("node", node("/leads/{{lead_id}}", null), "variables", variables()))
                .post("/api/v1/nodes/api-request/test").then()
                .statusCode(200)
                .body("data.ticket.id", equalTo("T-1"))
                .body("meta.status", equalTo(200))
                .body("meta.headers.'x-request-id'", equalTo("req-7"))
                .body("meta.size_bytes", equalTo(TICKET.length()))
                .body("meta.duration_ms", greaterThanOrEqualTo(0))
                .body("mapped.ticket_id", equalTo("T-1"))
                .body("mapped.priority", equalTo(2))
                .body("request.url", endsWith("/leads/7"))
                .body("error", nullValue());

        assertThat(target.requests()).hasSize(1);
        assertThat(target.requests().get(0).path()).isEqualTo("/leads/7");
        assertThat(target.requests().get(0).body()).contains("\"call\":\"c-9\"").contains("\"lead\":7");
    }

    @Test
    void aTextAnswerIsDataAsText() {
        target.answer(new StubTarget.Answer(200, Map.of("Content-Type", "text/plain"),
                "pong".getBytes(StandardCharsets.UTF_8), Duration.ZERO));

        as(token).body(Map.of("node", Map.of("url", target.url("/ping")))).post("/api/v1/nodes/api-request/test")
                .then().statusCode(200).body("data", equalTo("pong")).body("meta.status", equalTo(200));
    }

    @Test
    void anUnreachableTargetIsStillAnAnswerWithTheError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        as(token).body(Map.of("node", Map.of("url", "http://127.0.0.1:" + closedPort + "/x")))
                .post("/api/v1/nodes/api-request/test").then()
                .statusCode(200)
                .body("meta.status", equalTo(0))
                .body("error", notNullValue());
    }

    @Test
    void aNodeConfigThatDoesNotValidateIs400NamingTheField() {
        as(token).body(Map.of("node", Map.of("id", "ticket", "method", "POST")))
                .post("/api/v1/nodes/api-request/test").then()
                .statusCode(400).body("node", equalTo("ticket")).body("field", equalTo("url"));
        as(token).body(Map.of("node", Map.of("url", target.url("/x"), "method", "FETCH")))
                .post("/api/v1/nodes/api-request/test").then()
                .statusCode(400).body("field", equalTo("method"));
        as(token).body(Map.of("node", Map.of("type", "decision")))
                .post("/api/v1/nodes/api-request/test").then()
                .statusCode(400).body("field", equalTo("type"));
        as(token).body(Map.of("variables", Map.of())).post("/api/v1/nodes/api-request/test").then()
                .statusCode(400).body("field", equalTo("node"));
        assertThat(target.requests()).isEmpty();
    }

    @Test
    void aBearerProfileIsSentAndMasked() {
        String secret = "tok-" + UUID.randomUUID();
        String answer = send(profile(Map.of("type", "bearer", "token", secret)));

        assertThat(target.requests().get(0).header("Authorization")).isEqualTo("Bearer " + secret);
        assertThat(answer).doesNotContain(secret).contains("\"Authorization\":\"***\"");
    }

    @Test
    void aBasicProfileIsSentAndMasked() {
        String password = "pw-" + UUID.randomUUID();
        String answer = send(profile(Map.of("type", "basic", "username", "ops", "password", password)));

        String expected = Base64.getEncoder().encodeToString(("ops:" + password).getBytes(StandardCharsets.UTF_8));
        assertThat(target.requests().get(0).header("Authorization")).isEqualTo("Basic " + expected);
        assertThat(answer).doesNotContain(password).doesNotContain(expected);
    }

    @Test
    void anApiKeyGoesInTheNamedHeaderOrQueryParameter() {
        String secret = "key-" + UUID.randomUUID();
        String inHeader = send(profile(Map.of("type", "api_key", "key_name", "X-Helpdesk-Key", "value", secret)));
        String inQuery = send(profile(Map.of("type", "api_key", "in", "query", "key_name", "api_key",
                "value", secret)));

        assertThat(target.requests().get(0).header("X-Helpdesk-Key")).isEqualTo(secret);
        assertThat(target.requests().get(1).query()).isEqualTo("api_key=" + secret);
        assertThat(inHeader).doesNotContain(secret);
        assertThat(inQuery).doesNotContain(secret);
    }

    @Test
    void anUnknownProfileIsReportedAsTheError() {
        as(token).body(Map.of("node", node("/x", "nope-" + UUID.randomUUID()), "variables", variables()))
                .post("/api/v1/nodes/api-request/test").then()
                .statusCode(200).body("error", containsString("not found"));
        assertThat(target.requests()).isEmpty();
    }

    private String profile(Map<String, String> fields) {
        String name = "wire-" + UUID.randomUUID();
        Map<String, String> body = new HashMap<>(fields);
        body.put("name", name);
        as(token).body(body).post("/api/v1/auth-profiles").then().statusCode(201);
        return name;
    }

    private String send(String profile) {
        return as(token).body(Map.of("node", node("/secure", profile), "variables", variables()))
                .post("/api/v1/nodes/api-request/test").then().statusCode(200)
                .body("error", nullValue())
                .extract().asString();
    }
}
