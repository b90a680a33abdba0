package dev.aftercall.server.http;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.aftercall.server.auth.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outbound requests through the real HTTP client (the editor's Send runs the same path as flows, functions and
 * deliveries): private and metadata addresses refused, also when a permitted target redirects to them, and
 * redirects followed with credentials kept to their host. The test profile allows 127.0.0.1 and localhost only.
 */
@QuarkusTest
class OutboundSecurityTest {
    @Inject
    Tokens tokens;

    String token;
    StubTarget target;

    @BeforeEach
    void setUp() {
        token = tokens.mint(1, null);
        target = StubTarget.start().answer(request -> switch (request.path()) {
            case "/to-metadata" -> redirect(302, "http://169.254.169.254/latest/meta-data/iam");
            case "/to-private" -> redirect(307, "http://10.0.0.1/internal");
            case "/to-final" -> redirect(307, "/final");
            case "/to-other-host" -> redirect(302, target.url("/final").replace("127.0.0.1", "localhost"));
            case "/loop" -> redirect(302, "/loop");
            default -> StubTarget.Answer.json(200, "{\"ok\": true}");
        });
    }

    @AfterEach
    void tearDown() {
        target.close();
    }

    private static StubTarget.Answer redirect(int status, String location) {
        return new StubTarget.Answer(status, Map.of("Location", location), new byte[0], Duration.ZERO);
    }

    private io.restassured.response.ValidatableResponse send(Map<String, Object> node) {
        return as(token).body(Map.of("node", node)).post("/api/v1/nodes/api-request/test").then().statusCode(200);
    }

    @Test
    void theMetadataAddressIsRefusedWithoutATry() {
        send(Map.of("method", "GET", "url", "http://169.254.169.254/latest/meta-data/"))
                .body("meta.status", equalTo(0))
                .body("error", containsString("blocked"))
                .body("error", containsString("169.254.169.254"));
    }

    @Test
    void aPermittedTargetCannotRedirectIntoTheNetwork() {
        send(Map.of("method", "GET", "url", target.url("/to-metadata")))
                .body("error", containsString("blocked")).body("error", containsString("link-local"));
        send(Map.of("method", "POST", "url", target.url("/to-private"), "body", Map.of("a", 1)))
                .body("error", containsString("blocked")).body("error", containsString("10.0.0.1"));
    }

    @Test
    void a307IsFollowedWithItsMethodAndBody() {
        send(Map.of("method", "POST", "url", target.url("/to-final"), "body", Map.of("lead", 7)))
                .body("error", nullValue())
                .body("meta.status", equalTo(200))
                .body("data.ok", equalTo(true));

        StubTarget.Received last = target.requests().get(target.requests().size() - 1);
        assertThat(last.path()).isEqualTo("/final");
        assertThat(last.method()).isEqualTo("POST");
        assertThat(last.body()).contains("\"lead\"");
    }

    @Test
    void credentialsDoNotFollowARedirectToAnotherHost() {
        send(Map.of("method", "GET", "url", target.url("/to-other-host"),
                "headers", Map.of("Authorization", "Bearer secret-for-127", "X-Trace", "t-1")))
                .body("meta.status", equalTo(200));

        StubTarget.Received first = target.requests().get(0);
        StubTarget.Received second = target.requests().get(1);
        assertThat(first.header("Authorization")).isEqualTo("Bearer secret-for-127");
        assertThat(second.path()).isEqualTo("/final");
        assertThat(second.header("Authorization")).isNull();
        assertThat(second.header("X-Trace")).isEqualTo("t-1");
    }

    @Test
    void aRedirectLoopEndsWithTheLastRedirectAsTheAnswer() {
        send(Map.of("method", "GET", "url", target.url("/loop"))).body("meta.status", equalTo(302));
        assertThat(target.requests()).hasSize(6);
    }
}
