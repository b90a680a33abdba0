package dev.aftercall.server.api;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.flow.SampleFlows;
import dev.aftercall.server.http.StubTarget;
import dev.aftercall.server.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An auth profile's secrets, sent to a target that echoes them back (first in an error, then in a success), must
 * appear in no answer of the API and in no line of the server's log: not in traces, errors, flow runs, exports,
 * test previews or the profile itself. The log is the test profile's log file ({@code target/quarkus-test.log}).
 */
@QuarkusTest
class SecretLeakTest {
    private static final Path LOG = Path.of("target/quarkus-test.log");

    @Inject
    Tokens tokens;

    StubTarget target;
    String token;
    String bearer;
    String apiKey;

    @BeforeEach
    void setUp() {
        token = tokens.mint(1, null);
        bearer = "leak-bearer-" + UUID.randomUUID();
        apiKey = "leak-key-" + UUID.randomUUID();
        AtomicInteger seen = new AtomicInteger();
        // Echoes every header it got, as hostile or careless targets do: a 500 first, then a 201.
        target = StubTarget.start().answer(request -> StubTarget.Answer.json(
                seen.getAndIncrement() == 0 ? 500 : 201,
                "{\"ticket\":{\"id\":\"T-1\"},\"echo\":\"" + request.headers().toString().replace("\"", "'") + "\"}"));
    }

    @AfterEach
    void tearDown() {
        target.close();
    }

    @Test
    void secretsEchoedByATargetAppearInNoAnswerAndNoLogLine() throws IOException {
        String bearerProfile = "leak-bearer-profile-" + UUID.randomUUID();
        String keyProfile = "leak-key-profile-" + UUID.randomUUID();
        as(token).body(Map.of("name", bearerProfile, "type", "bearer", "token", bearer))
                .post("/api/v1/auth-profiles").then().statusCode(201);
        int keyProfileId = as(token).body(Map.of("name", keyProfile, "type", "api_key", "in", "header", "key_name", "X-Api-Key",
                        "value", apiKey))
                .post("/api/v1/auth-profiles").then().statusCode(201).extract().path("id");
        String agent = "leak-" + UUID.randomUUID();
        String flow = SampleFlows.helpdesk("leak " + agent, target.url("/api/tickets"), bearerProfile, List.of(agent))
                .toString();
        int flowId = as(token).body(flow).post("/api/v1/flows").then().statusCode(201).extract().path("id");
        as(token).post("/api/v1/flows/{id}/publish", flowId).then().statusCode(200);

        String callId = Api.newCallId();
        as(token).body(SampleFlows.call(callId, agent, "escalated")).post("/api/v1/calls").then().statusCode(202);
        Api.awaitFinished(token, callId).statusCode(200);
        assertThat(target.requests()).as("the echoing target was called, with the secret, and again after the 500")
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(target.requests().get(0).header("Authorization")).isEqualTo("Bearer " + bearer);

        List<String> answers = new ArrayList<>();
        answers.add(as(token).get("/api/v1/calls/{id}", callId).asString());
        answers.add(as(token).get("/api/v1/calls").asString());
        answers.add(as(token).get("/api/v1/flow-runs").asString());
        answers.add(as(token).get("/api/v1/flows/{id}/export", flowId).asString());
        answers.add(as(token).get("/api/v1/flows/{id}", flowId).asString());
        answers.add(as(token).get("/api/v1/auth-profiles").asString());
        answers.add(as(token).get("/api/v1/auth-profiles/{id}", keyProfileId).asString());
        answers.add(as(token).body(Map.of("node", Map.of("url", target.url("/preview"), "auth_profile", keyProfile)))
                .post("/api/v1/nodes/api-request/test").asString());
        answers.add(as(token).body(Map.of("call", SampleFlows.call(Api.newCallId(), agent, "escalated")))
                .post("/api/v1/flows/{id}/test-run", flowId).asString());
        // An error that names the profile must not print what it holds.
        answers.add(as(token).body(Map.of("name", keyProfile, "type", "api_key", "in", "header", "key_name", "X-Api-Key", "value", apiKey))
                .post("/api/v1/auth-profiles").asString());

        assertThat(target.requests("/preview")).singleElement()
                .satisfies(r -> assertThat(r.header("X-Api-Key")).isEqualTo(apiKey));
        for (String answer : answers) {
            assertThat(answer).doesNotContain(bearer).doesNotContain(apiKey);
        }
        assertThat(answers.get(0)).as("the echo itself is kept, redacted").contains("echo");

        assertThat(LOG).exists();
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(log).as("the server's log").doesNotContain(bearer).doesNotContain(apiKey);
    }
}
