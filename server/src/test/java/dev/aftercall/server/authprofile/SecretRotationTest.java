package dev.aftercall.server.authprofile;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.http.StubTarget;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Key rotation: secrets sealed with the previous key still work while both keys are configured, and after the
 * rotation every secret opens with the current key alone.
 */
@QuarkusTest
class SecretRotationTest {
    private static final byte[] CURRENT = Base64.getDecoder().decode("3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhs=");
    private static final byte[] PREVIOUS = "test-previous-key-0123456789abcd".getBytes(StandardCharsets.US_ASCII);

    @Inject
    Tokens tokens;

    @Inject
    SecretRotation rotation;

    @Test
    void aBoxOpensWhatEitherKeySealedAndSealsOnlyWithTheCurrentOne() {
        SecretBox old = new SecretBox(PREVIOUS);
        SecretBox both = new SecretBox(CURRENT, List.of(PREVIOUS));
        SecretBox fresh = new SecretBox(CURRENT);
        String sealedBefore = old.seal("s3cret", "outlet:1");

        assertThat(both.open(sealedBefore, "outlet:1")).isEqualTo("s3cret");
        assertThat(both.sealedWithCurrentKey(sealedBefore, "outlet:1")).isFalse();
        assertThatThrownBy(() -> fresh.open(sealedBefore, "outlet:1"))
                .isInstanceOf(SecretBox.SecretUnreadableException.class);
        String sealedAfter = both.seal("s3cret", "outlet:1");
        assertThat(fresh.open(sealedAfter, "outlet:1")).isEqualTo("s3cret");
        assertThatThrownBy(() -> both.open(sealedBefore, "outlet:2"))
                .isInstanceOf(SecretBox.SecretUnreadableException.class);
    }

    @Test
    void aProfileSealedWithThePreviousKeyWorksAndIsMovedToTheCurrentKey() {
        String token = tokens.mint(1, null);
        String name = "rotate-" + UUID.randomUUID();
        String secret = "tok-" + UUID.randomUUID();
        as(token).body(Map.of("name", name, "type", "bearer", "token", "placeholder"))
                .post("/api/v1/auth-profiles").then().statusCode(201);
        // As if an older key had sealed it: the row's secret re-sealed with the previous key.
        QuarkusTransaction.requiringNew().run(() -> {
            AuthProfileEntity profile = AuthProfileEntity.find("outletId = ?1 and name = ?2", 1L, name).firstResult();
            String context = AuthProfileEntity.sealContext(1);
            String credentials = new SecretBox(CURRENT).open(profile.secretCiphertext, context)
                    .replace("placeholder", secret);
            profile.secretCiphertext = new SecretBox(PREVIOUS).seal(credentials, context);
        });

        try (StubTarget target = StubTarget.start().answer(StubTarget.Answer.json(200, "{}"))) {
            as(token).body(Map.of("node", Map.of("method", "GET", "url", target.url("/x"), "auth_profile", name)))
                    .post("/api/v1/nodes/api-request/test").then().statusCode(200).body("meta.status", equalTo(200));
            assertThat(target.requests().get(0).header("Authorization")).isEqualTo("Bearer " + secret);
        }

        Map<String, Integer> counts = rotation.rotate();

        assertThat(counts.get("auth profiles")).isGreaterThanOrEqualTo(1);
        String stored = QuarkusTransaction.requiringNew().call(() -> AuthProfileEntity.<AuthProfileEntity>find(
                "outletId = ?1 and name = ?2", 1L, name).firstResult().secretCiphertext);
        assertThat(new SecretBox(CURRENT).open(stored, AuthProfileEntity.sealContext(1))).contains(secret);
        assertThat(rotation.rotate().get("auth profiles")).isZero();
    }
}
