package dev.aftercall.server.intake;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.authprofile.SecretBox;
import dev.aftercall.server.authprofile.SecretRotation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static dev.aftercall.server.intake.Hooks.fixture;
import static dev.aftercall.server.intake.Hooks.hookPath;
import static dev.aftercall.server.intake.Hooks.platform;
import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Who may deliver: tokens (created, listed without secrets, revoked, per outlet), unknown tokens, and the platforms'
 * signatures; rejected deliveries store nothing but are logged, without secrets.
 */
@QuarkusTest
class IntakeSecurityTest {
    @Inject
    Tokens tokens;

    @Inject
    TestDatabase database;

    @Inject
    IntakeLogPruner pruner;

    @Inject
    SecretRotation rotation;

    @Inject
    SecretBox box;

    String jwt;

    @BeforeEach
    void setUp() {
        jwt = tokens.mint(newOutlet(), null);
    }

    private long newOutlet() {
        long outlet = ThreadLocalRandom.current().nextLong(10_000, 1_000_000_000);
        database.ensureOutlet(outlet, "intake " + outlet);
        return outlet;
    }

    private static String hmacHex(String secret, byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message));
    }

    private static String retellSignature(String apiKey, byte[] body, long timestampMillis) throws Exception {
        byte[] ts = Long.toString(timestampMillis).getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[body.length + ts.length];
        System.arraycopy(body, 0, signed, 0, body.length);
        System.arraycopy(ts, 0, signed, body.length, ts.length);
        return "v=" + timestampMillis + ",d=" + hmacHex(apiKey, signed);
    }

    private void assertNoCalls() {
        as(jwt).get("/api/v1/calls").then().body("total", equalTo(0));
    }

    @Test
    void aTokenIsShownOnceListedWithoutSecretsAndRevokedTo404() {
        String secret = "key_" + UUID.randomUUID();
        var created = as(jwt).body(Map.of("platform", "retell", "secret", secret)).post("/api/v1/intake-tokens")
                .then().statusCode(201)
                .body("platform", equalTo("retell"))
                .body("token", startsWith("ich_"))
                .body("url", containsString("/hooks/retell/ich_"))
                .body("has_secret", equalTo(true))
                .body("$", not(hasKey("secret")))
                .extract();
        int id = created.path("id");
        String token = created.path("token");

        String list = as(jwt).get("/api/v1/intake-tokens").then().statusCode(200)
                .body("items.id", hasItem(id))
                .body("items[0].token_hint", startsWith(token.substring(0, 10)))
                .extract().asString();
        assertThat(list).doesNotContain(token).doesNotContain(secret);

        String other = tokens.mint(newOutlet(), null);
        as(other).delete("/api/v1/intake-tokens/{id}", id).then().statusCode(404);
        as(jwt).delete("/api/v1/intake-tokens/{id}", id).then().statusCode(204);
        as(jwt).delete("/api/v1/intake-tokens/{id}", id).then().statusCode(404);
        platform().body(fixture("retell", "call_started")).post("/hooks/retell/" + token).then().statusCode(404);
        as(jwt).get("/api/v1/intake-tokens").then().body("items.id", not(hasItem(id)));
    }

    @Test
    void badTokenRequestsNameTheField() {
        as(jwt).body(Map.of("platform", "twilio")).post("/api/v1/intake-tokens").then()
                .statusCode(400).body("field", equalTo("platform"));
        as(jwt).body(Map.of()).post("/api/v1/intake-tokens").then().statusCode(400).body("field", equalTo("platform"));
        as(jwt).body(Map.of("platform", "bland", "secret", 42)).post("/api/v1/intake-tokens").then()
                .statusCode(400).body("field", equalTo("secret"));
        as(jwt).body(Map.of("platform", "bland", "secret", "s", "signature_header", "X-Sig"))
                .post("/api/v1/intake-tokens").then().statusCode(400).body("field", equalTo("signature_header"));
        platform().body("{}").get("/api/v1/intake-tokens").then().statusCode(401);
    }

    @Test
    void unknownTokensPlatformsAndOtherPlatformsTokensAre404() {
        String retell = hookPath(jwt, "retell", null);
        String token = retell.substring(retell.lastIndexOf('/') + 1);
        byte[] body = fixture("vapi", "end-of-call-report");

        platform().body(body).post("/hooks/vapi/" + token).then().statusCode(404);
        platform().body(body).post("/hooks/vapi/ich_" + UUID.randomUUID()).then().statusCode(404);
        platform().body(body).post("/hooks/vapi/not-even-a-token").then().statusCode(404);
        platform().body(body).post("/hooks/twilio/" + token).then().statusCode(404);
        assertNoCalls();
    }

    @Test
    void retellSignaturesAreCheckedOnTheRawBodyAndTimestamp() throws Exception {
        String apiKey = "key_" + UUID.randomUUID();
        String hook = hookPath(jwt, "retell", apiKey);
        byte[] body = fixture("retell", "call_analyzed");
        long now = System.currentTimeMillis();

        platform().body(body).post(hook).then().statusCode(401);
        platform().header("X-Retell-Signature", retellSignature("key_wrong", body, now)).body(body).post(hook)
                .then().statusCode(401).body("error", containsString("does not match"));
        byte[] changed = Hooks.text(body).replace("user_hangup", "agent_hangup").getBytes(StandardCharsets.UTF_8);
        platform().header("X-Retell-Signature", retellSignature(apiKey, body, now)).body(changed).post(hook)
                .then().statusCode(401);
        long stale = now - Duration.ofMinutes(6).toMillis();
        platform().header("X-Retell-Signature", retellSignature(apiKey, body, stale)).body(body).post(hook)
                .then().statusCode(401).body("error", containsString("5 minutes"));
        platform().header("X-Retell-Signature", "sha256=abc").body(body).post(hook).then().statusCode(401);
        assertNoCalls();

        platform().header("X-Retell-Signature", retellSignature(apiKey, body, now)).body(body).post(hook)
                .then().statusCode(202);
        as(jwt).get("/api/v1/calls").then().body("total", equalTo(1));

        String log = as(jwt).get("/api/v1/intake-log?platform=retell").then().statusCode(200)
                .body("total", equalTo(6))
                .body("items[0].verification", equalTo("verified"))
                .body("items[0].outcome", equalTo("queued"))
                .body("items[0].headers.x-retell-signature", equalTo("***"))
                .body("items[0].body.call.call_id", equalTo("Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6"))
                .body("items[1].verification", equalTo("failed"))
                .body("items[1].outcome", equalTo("rejected"))
                .body("items[1].http_status", equalTo(401))
                .body("items[1].call_id", nullValue())
                .extract().asString();
        assertThat(log).doesNotContain(apiKey);

        int entry = as(jwt).get("/api/v1/intake-log").then().extract().path("items[0].id");
        as(jwt).get("/api/v1/intake-log/{id}", entry).then().statusCode(200).body("outcome", equalTo("queued"));
        as(tokens.mint(newOutlet(), null)).get("/api/v1/intake-log/{id}", entry).then().statusCode(404);
        as(tokens.mint(newOutlet(), null)).get("/api/v1/intake-log").then().body("total", equalTo(0));
    }

    @Test
    void vapiChecksItsSecretHeaderOrAnHmacHeader() throws Exception {
        String secret = "vapi_" + UUID.randomUUID();
        String plain = hookPath(jwt, "vapi", secret);
        String signed = hookPath(jwt, Map.of("platform", "vapi", "secret", secret,
                "signature_header", "X-Signature"));
        byte[] report = fixture("vapi", "end-of-call-report");
        byte[] legacy = fixture("vapi", "end-of-call-report-legacy");

        platform().body(report).post(plain).then().statusCode(401);
        platform().header("X-Vapi-Secret", secret + "x").body(report).post(plain).then().statusCode(401);
        platform().header("X-Vapi-Secret", secret).body(legacy).post(signed).then().statusCode(401);
        platform().header("X-Signature", hmacHex("other", legacy)).body(legacy).post(signed).then().statusCode(401);
        assertNoCalls();

        platform().header("X-Vapi-Secret", secret).body(report).post(plain).then().statusCode(202);
        platform().header("X-Signature", "sha256=" + hmacHex(secret, legacy)).body(legacy).post(signed)
                .then().statusCode(202);
        as(jwt).get("/api/v1/calls").then().body("total", equalTo(2));
        String log = as(jwt).get("/api/v1/intake-log?size=50").then()
                .body("items.headers", everyItem(not(hasKey("X-Vapi-Secret"))))
                .extract().asString();
        assertThat(log).doesNotContain(secret);
    }

    @Test
    void blandChecksTheWebhookSignatureOfTheBody() throws Exception {
        String secret = "bland_" + UUID.randomUUID();
        String hook = hookPath(jwt, "bland", secret);
        byte[] body = fixture("bland", "call-completed");

        platform().body(body).post(hook).then().statusCode(401);
        platform().header("X-Webhook-Signature", hmacHex("wrong", body)).body(body).post(hook).then().statusCode(401);
        byte[] changed = Hooks.text(body).replace("1.25", "9.25").getBytes(StandardCharsets.UTF_8);
        platform().header("X-Webhook-Signature", hmacHex(secret, body)).body(changed).post(hook).then()
                .statusCode(401);
        assertNoCalls();

        platform().header("X-Webhook-Signature", hmacHex(secret, body)).body(body).post(hook).then().statusCode(202);
        as(jwt).get("/api/v1/calls").then().body("total", equalTo(1));
    }

    @Test
    void aSecretSealedWithThePreviousKeyStillVerifiesAndIsMovedToTheCurrentKey() throws Exception {
        String secret = "bland_" + UUID.randomUUID();
        String hook = hookPath(jwt, "bland", secret);
        String token = hook.substring(hook.lastIndexOf('/') + 1);
        byte[] previousKey = "test-previous-key-0123456789abcd".getBytes(StandardCharsets.US_ASCII);
        // As if an older key had sealed it.
        QuarkusTransaction.requiringNew().run(() -> {
            IntakeTokenEntity row = IntakeTokenEntity.live(IntakeTokens.hash(token)).orElseThrow();
            row.secretCiphertext = new SecretBox(previousKey).seal(secret, IntakeTokenEntity.sealContext(row.outletId));
        });
        byte[] body = fixture("bland", "call-voicemail");
        platform().header("X-Webhook-Signature", hmacHex(secret, body)).body(body).post(hook).then().statusCode(202);

        assertThat(rotation.rotate().get("intake token secrets")).isGreaterThanOrEqualTo(1);

        String sealed = QuarkusTransaction.requiringNew().call(() ->
                IntakeTokenEntity.live(IntakeTokens.hash(token)).orElseThrow().secretCiphertext);
        assertThat(box.sealedWithCurrentKey(sealed, IntakeTokenEntity.sealContext(
                QuarkusTransaction.requiringNew().call(() ->
                        IntakeTokenEntity.live(IntakeTokens.hash(token)).orElseThrow().outletId)))).isTrue();
        byte[] other = fixture("bland", "call-completed");
        platform().header("X-Webhook-Signature", hmacHex(secret, other)).body(other).post(hook).then().statusCode(202);
    }

    @Test
    void theLogIsPrunedAfterItsMaxAge() {
        String hook = hookPath(jwt, "bland", "bland-secret");
        platform().body(fixture("bland", "live-event")).post(hook).then().statusCode(401);
        as(jwt).get("/api/v1/intake-log").then().body("total", equalTo(1));

        assertThat(pruner.prune(Instant.now().minus(Duration.ofDays(7)))).isGreaterThanOrEqualTo(0);
        as(jwt).get("/api/v1/intake-log").then().body("total", equalTo(1));
        assertThat(pruner.prune(Instant.now().plusSeconds(1))).isGreaterThanOrEqualTo(1);
        as(jwt).get("/api/v1/intake-log").then().body("total", equalTo(0));
    }
}
