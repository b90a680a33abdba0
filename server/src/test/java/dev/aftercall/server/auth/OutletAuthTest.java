package dev.aftercall.server.auth;

import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class OutletAuthTest {
    private static final String CALLS = "/api/v1/calls";
    /** The example token printed in seed 004: outlet 97, signed with a secret this service does not have. */
    private static final String SEED_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJpZCI6OTcsInR5cGUiOiJPVVRMRVQifQ.q80hmm1uQlIVKLpfMLV10bleJPOFO48tgCN5zOVvxv4";

    @Inject
    Tokens tokens;

    @Inject
    TestDatabase database;

    @Test
    void bearerTokenIsAccepted() {
        given().header("Authorization", "Bearer " + tokens.mint(1, null))
                .get(CALLS).then().statusCode(200);
    }

    @Test
    void rawAuthorizationHeaderIsAccepted() {
        given().header("Authorization", tokens.mint(1, null))
                .get(CALLS).then().statusCode(200);
    }

    @Test
    void tokenHeaderOfSeed004IsAccepted() {
        given().header("token", tokens.mint(1, Duration.ofMinutes(5)))
                .get(CALLS).then().statusCode(200);
    }

    @Test
    void outletIdMayBeANumericString() {
        given().header("Authorization", "Bearer " + sign(claims("1", "OUTLET"), tokensKey()))
                .get(CALLS).then().statusCode(200);
    }

    @Test
    void missingTokenIs401() {
        given().get(CALLS).then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error", equalTo("missing token: send Authorization: Bearer <jwt>"));
    }

    @Test
    void unsignedTokenIs401() {
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String unsigned = header + "." + base64Url(claims(1, "OUTLET").toJson()) + ".";
        given().header("Authorization", "Bearer " + unsigned)
                .get(CALLS).then()
                .statusCode(401)
                .body("error", equalTo("token must be signed with HS256"));
    }

    @Test
    void tokenSignedWithAnotherSecretIs401() {
        String forged = sign(claims(1, "OUTLET"), "another-secret-that-is-long-enough-32".getBytes(StandardCharsets.UTF_8));
        given().header("Authorization", "Bearer " + forged)
                .get(CALLS).then()
                .statusCode(401)
                .body("error", equalTo("token signature is invalid"));
    }

    @Test
    void seedExampleTokenIsRejectedBecauseItsSecretIsNotOurs() {
        given().header("token", SEED_TOKEN)
                .get(CALLS).then()
                .statusCode(401)
                .body("error", equalTo("token signature is invalid"));
    }

    @Test
    void expiredTokenIs401() {
        JwtClaims claims = claims(1, "OUTLET");
        claims.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 - 3600));
        given().header("Authorization", "Bearer " + sign(claims, tokensKey()))
                .get(CALLS).then()
                .statusCode(401)
                .body("error", equalTo("token expired"));
    }

    @Test
    void anAcceptedTokenWithAnotherSignatureIsStill401() {
        String token = sign(claims(1, "OUTLET"), tokensKey());
        given().header("Authorization", "Bearer " + token).get(CALLS).then().statusCode(200);
        String forged = sign(claims(1, "OUTLET"), "another-secret-that-is-long-enough-32".getBytes(StandardCharsets.UTF_8));
        String samePayloadOtherSignature = token.substring(0, token.lastIndexOf('.'))
                + forged.substring(forged.lastIndexOf('.'));
        given().header("Authorization", "Bearer " + samePayloadOtherSignature)
                .get(CALLS).then()
                .statusCode(401)
                .body("error", equalTo("token signature is invalid"));
        given().header("Authorization", "Bearer " + token).get(CALLS).then().statusCode(200);
    }

    @Test
    void tokenOfAnotherTypeIs401() {
        given().header("Authorization", "Bearer " + sign(claims(1, "USER"), tokensKey()))
                .get(CALLS).then()
                .statusCode(401)
                .body("error", equalTo("token type must be OUTLET"));
    }

    @Test
    void garbageTokenIs401() {
        given().header("Authorization", "Bearer not-a-jwt")
                .get(CALLS).then()
                .statusCode(401)
                .body("error", equalTo("token is malformed"));
    }

    @Test
    void tokenOfAnUnknownOutletIs403() {
        given().header("Authorization", "Bearer " + tokens.mint(987_654, null))
                .get(CALLS).then()
                .statusCode(403)
                .body("error", equalTo("Outlet with ID not found"));
    }

    @Test
    void aNewlyCreatedOutletIsAccepted() {
        database.ensureOutlet(TestDatabase.SECOND_OUTLET, "Second outlet");
        given().header("Authorization", "Bearer " + tokens.mint(TestDatabase.SECOND_OUTLET, null))
                .get(CALLS).then().statusCode(200);
    }

    /**
     * Posting a call runs on the event loop, where the first lookup of an outlet must not block: it goes to a worker
     * thread, and both of its answers still come back.
     */
    @Test
    void anOutletsFirstRequestMayBeOneThatRunsOnTheEventLoop() {
        String call = "{\"call_id\": \"first-of-its-outlet\", \"post_call\": {}}";
        given().header("Authorization", "Bearer " + tokens.mint(987_655, null))
                .contentType("application/json").body(call)
                .post(CALLS).then()
                .statusCode(403)
                .body("error", equalTo("Outlet with ID not found"));

        long outletId = 4_242;
        database.ensureOutlet(outletId, "First request posts a call");
        given().header("Authorization", "Bearer " + tokens.mint(outletId, null))
                .contentType("application/json").body(call)
                .post(CALLS).then()
                .statusCode(202)
                .body("call_id", equalTo("first-of-its-outlet"));
        assertEquals(1, database.countCalls(outletId, "first-of-its-outlet"));
    }

    @Test
    void healthNeedsNoToken() {
        given().get("/q/health/live").then().statusCode(200);
    }

    private static JwtClaims claims(Object outletId, String type) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("id", outletId);
        claims.setClaim("type", type);
        return claims;
    }

    /** The fixed test secret (application.properties, %test). */
    private static byte[] tokensKey() {
        return ConfigProvider.getConfig()
                .getValue("aftercall.jwt-secret", String.class).getBytes(StandardCharsets.UTF_8);
    }

    private static String sign(JwtClaims claims, byte[] key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(key));
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
