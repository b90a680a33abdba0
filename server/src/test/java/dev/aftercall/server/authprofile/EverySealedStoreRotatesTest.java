package dev.aftercall.server.authprofile;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.http.StubTarget;
import dev.aftercall.server.support.Api;
import dev.aftercall.server.support.Eventually;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every module that stores sealed secrets takes part in a key rotation: with one secret of each kind stored through
 * the API (auth profile, signing secret, destination headers, action headers, dialer headers, intake platform
 * secret, a delivery's request), each {@link SealedSecrets} bean moves its rows to a new key, has nothing left to
 * move on a second pass, and moves them back (so the rest of the suite keeps the test key).
 */
@QuarkusTest
class EverySealedStoreRotatesTest {
    private static final byte[] CURRENT = Base64.getDecoder().decode("3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhs=");
    private static final byte[] NEXT = "rotation-test-next-key-0123456789".substring(0, 32).getBytes();
    private static final long OUTLET = 71;

    @Inject
    Tokens tokens;

    @Inject
    TestDatabase database;

    @Inject
    Instance<SealedSecrets> stores;

    @Test
    void eachStoreMovesItsSecretsToTheNewKeyAndBack() {
        database.ensureOutlet(OUTLET, "Rotation");
        String token = tokens.mint(OUTLET, null);
        String agent = "rotate-" + UUID.randomUUID();
        try (StubTarget target = StubTarget.start().answer(StubTarget.Answer.json(200, "{\"id\":\"x\"}"))) {
            storeOneSecretOfEachKind(token, agent, target);
        }

        Map<String, Integer> forward = reseal(new SecretBox(NEXT, List.of(CURRENT)));
        Map<String, Integer> again = reseal(new SecretBox(NEXT, List.of(CURRENT)));
        Map<String, Integer> back = reseal(new SecretBox(CURRENT, List.of(NEXT)));

        assertThat(forward).as("rows moved to the new key, per store").hasSize(stores.stream().toList().size())
                .allSatisfy((store, moved) -> assertThat(moved).as(store).isPositive());
        assertThat(again).as("a second pass finds nothing sealed with the old key")
                .allSatisfy((store, moved) -> assertThat(moved).as(store).isZero());
        assertThat(back).isEqualTo(forward);
        as(token).get("/api/v1/agents/{agent}/actions", agent).then().statusCode(200)
                .body("[0].config.headers.Authorization", equalTo("***"));
    }

    private void storeOneSecretOfEachKind(String token, String agent, StubTarget target) {
        as(token).body(Map.of("name", agent + "-profile", "type", "bearer", "token", "tok-" + UUID.randomUUID()))
                .post("/api/v1/auth-profiles").then().statusCode(201);
        as(token).post("/api/v1/outlet/signing-secret").then().statusCode(201);
        as(token).body("""
                {"destination": [{"destination_name": "CRM", "destination_type": "webhook",
                  "api_url": "%s", "api_method": "POST",
                  "api_headers": {"Authorization": "Bearer dest-secret"}, "api_body": {"x": "y"}}]}"""
                        .formatted(target.url("/dest")))
                .post("/v2/post_call/data/destinations").then().statusCode(200);
        as(token).body(Map.of("url", target.url("/dialer"), "headers", Map.of("X-Dialer-Key", "dial-secret")))
                .put("/api/v1/outlet/dialer").then().statusCode(200);
        as(token).body(Map.of("platform", "retell", "secret", "key_" + UUID.randomUUID()))
                .post("/api/v1/intake-tokens").then().statusCode(201);
        as(token).body("""
                [{"type": "webhook", "name": "hook",
                  "condition": {"field": "disposition", "operator": "==", "value": "interested"},
                  "config": {"url": "%s", "headers": {"Authorization": "Bearer action-secret"}}}]"""
                        .formatted(target.url("/hook")))
                .put("/api/v1/agents/{agent}/actions", agent).then().statusCode(200);
        // A call that fires the webhook: a delivery whose stored request is sealed.
        String callId = Api.newCallId();
        as(token).body(Api.call(callId, agent)).post("/api/v1/calls").then().statusCode(202);
        Api.awaitFinished(token, callId);
        Eventually.await(Duration.ofSeconds(20), () -> target.requests("/hook").size(), n -> n == 1);
        Eventually.await(Duration.ofSeconds(20),
                () -> as(token).get("/api/v1/calls/{id}/deliveries", callId).then().extract()
                        .<String>path("items[0].status"),
                "delivered"::equals);
    }

    private Map<String, Integer> reseal(SecretBox box) {
        Map<String, Integer> moved = new LinkedHashMap<>();
        for (SealedSecrets store : stores) {
            moved.put(store.what(), QuarkusTransaction.requiringNew().call(() -> store.reseal(box)));
        }
        return moved;
    }
}
