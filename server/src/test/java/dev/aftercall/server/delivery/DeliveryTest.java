package dev.aftercall.server.delivery;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.http.StubTarget;
import dev.aftercall.server.http.StubTarget.Answer;
import dev.aftercall.server.support.Eventually;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.aftercall.server.delivery.DeliveryFixtures.storedCall;
import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class DeliveryTest {
    static StubTarget target;

    @Inject
    Tokens tokens;

    @Inject
    Deliveries deliveries;

    @Inject
    TestDatabase database;

    String token;

    @BeforeAll
    static void startTarget() {
        target = StubTarget.start();
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    @BeforeEach
    void signIn() {
        token = tokens.mint(1, null);
    }

    private static String path() {
        return "/hook-" + UUID.randomUUID();
    }

    private DeliveryRequest post(String path, String key, Map<String, String> headers, String body) {
        return new DeliveryRequest("webhook", "test", key, "POST", target.url(path), headers, body);
    }

    private JsonPath awaitSettled(long id) {
        Eventually.await(Duration.ofSeconds(20),
                () -> as(token).get("/api/v1/deliveries/{id}", id).then().extract().<String>path("status"),
                status -> !"pending".equals(status));
        return as(token).get("/api/v1/deliveries/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void retriesWithBackoffOn5xxThenSucceedsWithTheSameIdempotencyKey() {
        var call = storedCall(token, 1);
        String path = path();
        AtomicInteger seen = new AtomicInteger();
        target.answer(r -> r.path().equals(path) && seen.incrementAndGet() <= 2
                ? Answer.json(503, "{\"error\":\"down\"}") : Answer.json(200, "{\"ok\":true}"));

        long id = deliveries.enqueue(call.pk(), 1, post(path, call.callId() + ":retry", Map.of(), "{\"a\":1}"));
        JsonPath delivery = awaitSettled(id);

        assertThat(delivery.getString("status")).isEqualTo("delivered");
        assertThat(delivery.getInt("attempts")).isEqualTo(3);
        assertThat(delivery.getList("attempt_log.status", Integer.class)).containsExactly(503, 503, 200);
        assertThat(delivery.getList("attempt_log.outcome", String.class))
                .containsExactly("retry", "retry", "delivered");
        assertThat(delivery.getString("attempt_log[0].response_excerpt")).isEqualTo("{\"error\":\"down\"}");
        List<StubTarget.Received> received = target.requests(path);
        assertThat(received).hasSize(3);
        assertThat(received).extracting(r -> r.header("Idempotency-Key")).containsOnly(call.callId() + ":retry");
        assertThat(received).extracting(StubTarget.Received::body).containsOnly("{\"a\":1}");
        // Backoff (200 ms, then 400 ms in tests) is visible in the attempt log.
        Duration first = Duration.between(java.time.Instant.parse(delivery.getString("attempt_log[0].started_at")),
                java.time.Instant.parse(delivery.getString("attempt_log[1].started_at")));
        Duration second = Duration.between(java.time.Instant.parse(delivery.getString("attempt_log[1].started_at")),
                java.time.Instant.parse(delivery.getString("attempt_log[2].started_at")));
        assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(second).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aRetryAfterAnswerIsHonoured() {
        var call = storedCall(token, 1);
        String path = path();
        AtomicInteger seen = new AtomicInteger();
        target.answer(r -> r.path().equals(path) && seen.incrementAndGet() == 1
                ? new Answer(429, Map.of("Retry-After", "2"), new byte[0], Duration.ZERO)
                : Answer.json(200, "{}"));

        long id = deliveries.enqueue(call.pk(), 1, post(path, "retry-after", Map.of(), "{}"));
        JsonPath delivery = awaitSettled(id);

        assertThat(delivery.getString("status")).isEqualTo("delivered");
        assertThat(delivery.getList("attempt_log.status", Integer.class)).containsExactly(429, 200);
        Duration waited = Duration.between(java.time.Instant.parse(delivery.getString("attempt_log[0].started_at")),
                java.time.Instant.parse(delivery.getString("attempt_log[1].started_at")));
        // The test backoff would retry after 200 ms; the target asked for 2 s.
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void theSignatureVerifiesAsDocumented() {
        String secret = as(token).post("/api/v1/outlet/signing-secret").then().statusCode(201)
                .body("secret", startsWith("whsec_")).extract().path("secret");
        as(token).get("/api/v1/outlet/signing-secret").then().statusCode(200)
                .body("exists", equalTo(true))
                .body("secret", equalTo("whsec_****" + secret.substring(secret.length() - 4)));

        var call = storedCall(token, 1);
        String path = path();
        target.answer(r -> Answer.json(200, "{}"));
        String body = "{\"customer_name\":\"Asha Rao\",\"note\":\"ünïcode\"}";
        long id = deliveries.enqueue(call.pk(), 1, post(path, "signed", Map.of(), body));
        assertThat(awaitSettled(id).getString("status")).isEqualTo("delivered");

        StubTarget.Received received = target.requests(path).get(0);
        String timestamp = received.header("X-Aftercall-Timestamp");
        String signature = received.header("X-Aftercall-Signature");
        assertThat(Math.abs(Long.parseLong(timestamp) - System.currentTimeMillis() / 1000)).isLessThan(60);
        // docs/deliveries.md: hex HMAC-SHA256 over "<timestamp>.<raw body>" with the secret as the key.
        assertThat(signature).isEqualTo("v1=" + documentedHmac(secret, timestamp + "." + received.body()));
        assertThat(WebhookSignature.verify(secret, timestamp, received.body(), signature)).isTrue();
        assertThat(WebhookSignature.verify(secret, timestamp, received.body() + " ", signature)).isFalse();
        assertThat(WebhookSignature.verify("whsec_other", timestamp, received.body(), signature)).isFalse();
    }

    private static String documentedHmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void enqueueingTheSameKeyTwiceStoresOneDeliveryAndSendsOneRequest() throws InterruptedException {
        var call = storedCall(token, 1);
        String path = path();
        target.answer(r -> Answer.json(200, "{}"));
        long first = deliveries.enqueue(call.pk(), 1, post(path, "once", Map.of(), "{}"));
        long second = deliveries.enqueue(call.pk(), 1, post(path, "once", Map.of(), "{\"changed\":true}"));

        assertThat(second).isEqualTo(first);
        assertThat(awaitSettled(first).getString("status")).isEqualTo("delivered");
        Thread.sleep(500);
        assertThat(target.requests(path)).hasSize(1);
        as(token).get("/api/v1/deliveries?call_id={id}", call.callId()).then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo((int) first));
    }

    @Test
    void aClientErrorFailsAtOnceAndCanBeResent() {
        var call = storedCall(token, 1);
        String path = path();
        AtomicInteger seen = new AtomicInteger();
        target.answer(r -> r.path().equals(path) && seen.incrementAndGet() == 1
                ? Answer.json(400, "{\"error\":\"bad field\"}") : Answer.json(201, "{}"));

        long id = deliveries.enqueue(call.pk(), 1, post(path, "resend-me", Map.of(), "{}"));
        JsonPath failed = awaitSettled(id);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getInt("attempts")).isEqualTo(1);
        assertThat(failed.getString("last_error")).isEqualTo("HTTP 400");
        as(token).get("/api/v1/deliveries?status=failed").then().statusCode(200)
                .body("items.id", hasItem((int) id));

        as(token).post("/api/v1/deliveries/{id}/resend", id).then().statusCode(202).body("status", equalTo("pending"));
        JsonPath resent = awaitSettled(id);
        assertThat(resent.getString("status")).isEqualTo("delivered");
        assertThat(resent.getList("attempt_log.status", Integer.class)).containsExactly(400, 201);
        assertThat(target.requests(path)).extracting(r -> r.header("Idempotency-Key")).containsOnly("resend-me");
        as(token).post("/api/v1/deliveries/{id}/resend", 999_999_999).then().statusCode(404);
    }

    @Test
    void aTargetThatNeverRecoversFailsAfterTheLastAttempt() {
        var call = storedCall(token, 1);
        String path = path();
        target.answer(r -> Answer.json(500, "{}"));
        long id = deliveries.enqueue(call.pk(), 1, post(path, "never", Map.of(), null));
        JsonPath failed = awaitSettled(id);

        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getList("attempt_log.outcome", String.class))
                .containsExactly("retry", "retry", "retry", "failed");
        assertThat(target.requests(path)).hasSize(4);
    }

    @Test
    void connectionRefusedIsRetried() {
        var call = storedCall(token, 1);
        StubTarget closed = StubTarget.start();
        String url = closed.url("/gone");
        closed.close();
        long id = deliveries.enqueue(call.pk(), 1,
                new DeliveryRequest("webhook", "test", "refused", "POST", url, Map.of(), "{}"));
        JsonPath failed = awaitSettled(id);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getInt("attempts")).isEqualTo(4);
        assertThat(failed.getString("attempt_log[0].outcome")).isEqualTo("retry");
        assertThat(failed.getString("attempt_log[0].status")).isNull();
    }

    @Test
    void credentialsAreSealedAtRestAndMaskedInTheApiAndTheLog() {
        var call = storedCall(token, 1);
        String path = path();
        String credential = "Bearer sk-live-" + UUID.randomUUID();
        // A target that echoes the credential back in its error page.
        target.answer(r -> Answer.json(422, "{\"you_sent\":\"" + r.header("Authorization") + "\"}"));
        long id = deliveries.enqueue(call.pk(), 1, post(path, "secret",
                Map.of("Authorization", credential, "X-Plain", "visible"), "{\"token\":\"" + credential + "\"}"));
        JsonPath delivery = awaitSettled(id);

        assertThat(target.requests(path).get(0).header("Authorization")).isEqualTo(credential);
        String shown = as(token).get("/api/v1/deliveries/{id}", id).then().extract().asString();
        assertThat(shown).doesNotContain(credential).doesNotContain(credential.substring(7));
        assertThat(delivery.getString("request.headers.Authorization")).isEqualTo("***");
        assertThat(delivery.getString("request.headers.X-Plain")).isEqualTo("visible");
        assertThat(delivery.getString("attempt_log.find { it.status == 422 }.response_excerpt")).contains("***");
        String stored = QuarkusTransaction.requiringNew().call(() -> {
            DeliveryEntity row = DeliveryEntity.findById(id);
            return row.headersSealed + row.bodySealed;
        });
        assertThat(stored).doesNotContain(credential.substring(7));
    }

    @Test
    void anotherOutletsDeliveryIsNotFound() {
        var call = storedCall(token, 1);
        target.answer(r -> Answer.json(200, "{}"));
        long id = deliveries.enqueue(call.pk(), 1, post(path(), "mine", Map.of(), "{}"));
        database.ensureOutlet(TestDatabase.SECOND_OUTLET, "Second outlet");
        String other = tokens.mint(TestDatabase.SECOND_OUTLET, null);

        as(other).get("/api/v1/deliveries/{id}", id).then().statusCode(404);
        as(other).post("/api/v1/deliveries/{id}/resend", id).then().statusCode(404);
        as(other).get("/api/v1/deliveries").then().statusCode(200).body("items.id", not(hasItem((int) id)));
        as(other).get("/api/v1/deliveries?call_id={id}", call.callId()).then().statusCode(404);
    }
}
