package dev.aftercall.server.authprofile;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthProfileApiTest {
    @Inject
    Tokens tokens;

    @Inject
    TestDatabase database;

    @Inject
    EntityManager em;

    String token;

    @BeforeEach
    void signIn() {
        token = tokens.mint(1, null);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Test
    void aBearerProfileIsStoredButItsTokenIsNeverAnswered() {
        String secret = unique("tok");
        Response created = as(token).body(Map.of("name", unique("helpdesk"), "type", "bearer", "token", secret))
                .post("/api/v1/auth-profiles");
        created.then().statusCode(201)
                .body("type", equalTo("bearer"))
                .body("configured_fields", contains("token"));
        int id = created.path("id");

        String one = as(token).get("/api/v1/auth-profiles/{id}", id).then().statusCode(200).extract().asString();
        String list = as(token).get("/api/v1/auth-profiles?size=200").then().statusCode(200)
                .body("items.id", hasItem(id)).extract().asString();

        assertThat(created.asString()).doesNotContain(secret);
        assertThat(one).doesNotContain(secret);
        assertThat(list).doesNotContain(secret);
    }

    @Test
    @Transactional
    void theSecretIsEncryptedAtRest() {
        String secret = unique("rest");
        int id = as(token).body(Map.of("name", unique("crm"), "type", "bearer", "token", secret))
                .post("/api/v1/auth-profiles").then().statusCode(201).extract().path("id");

        String stored = (String) em.createNativeQuery("select secret_ciphertext from auth_profile where pk = ?1")
                .setParameter(1, id).getSingleResult();
        assertThat(stored).startsWith("v1:").doesNotContain(secret);
    }

    @Test
    void identifyingFieldsAreShownAndSecretsListedAsConfigured() {
        String password = unique("pw");
        as(token).body(Map.of("name", unique("basic"), "type", "basic", "username", "ops", "password", password))
                .post("/api/v1/auth-profiles").then().statusCode(201)
                .body("username", equalTo("ops"))
                .body("configured_fields", contains("username", "password"))
                .body(not(org.hamcrest.Matchers.containsString(password)));

        as(token).body(Map.of("name", unique("key"), "type", "api_key", "in", "query", "key_name", "api_key",
                        "value", "v-" + password))
                .post("/api/v1/auth-profiles").then().statusCode(201)
                .body("in", equalTo("query"))
                .body("key_name", equalTo("api_key"))
                .body(not(org.hamcrest.Matchers.containsString(password)));

        as(token).body(Map.of("name", unique("oauth"), "type", "oauth2_client_credentials",
                        "token_url", "https://auth.example.com/token", "client_id", "aftercall",
                        "client_secret", password, "scope", "tickets"))
                .post("/api/v1/auth-profiles").then().statusCode(201)
                .body("token_url", equalTo("https://auth.example.com/token"))
                .body("client_id", equalTo("aftercall"))
                .body("scope", equalTo("tickets"))
                .body("configured_fields", hasItem("client_secret"))
                .body(not(org.hamcrest.Matchers.containsString(password)));
    }

    @Test
    void aMissingRequiredFieldIs400NamingIt() {
        as(token).body(Map.of("name", unique("x"), "type", "bearer"))
                .post("/api/v1/auth-profiles").then().statusCode(400).body("field", equalTo("token"));
        as(token).body(Map.of("name", unique("x"), "type", "basic", "username", "ops"))
                .post("/api/v1/auth-profiles").then().statusCode(400).body("field", equalTo("password"));
        as(token).body(Map.of("name", unique("x"), "type", "api_key", "in", "query", "value", "v"))
                .post("/api/v1/auth-profiles").then().statusCode(400).body("field", equalTo("key_name"));
        as(token).body(Map.of("name", unique("x"), "type", "oauth2_client_credentials", "token_url", "not a url",
                        "client_id", "c", "client_secret", "s"))
                .post("/api/v1/auth-profiles").then().statusCode(400).body("field", equalTo("token_url"));
        as(token).body(Map.of("type", "bearer", "token", "t"))
                .post("/api/v1/auth-profiles").then().statusCode(400).body("field", equalTo("name"));
    }

    @Test
    void anUnknownTypeOrFieldIs400() {
        as(token).body(Map.of("name", unique("x"), "type", "kerberos"))
                .post("/api/v1/auth-profiles").then().statusCode(400).body("field", equalTo("type"));
        as(token).body(Map.of("name", unique("x"), "type", "bearer", "token", "t", "tokn", "t"))
                .post("/api/v1/auth-profiles").then().statusCode(400).body("field", equalTo("tokn"));
    }

    @Test
    void anMtlsProfileNeedsAMatchingCertificateAndKey() throws IOException {
        String certificate = pem("client-cert.pem");
        String key = pem("client-key.pem");

        as(token).body(Map.of("name", unique("mtls"), "type", "mtls", "certificate", certificate, "private_key", key))
                .post("/api/v1/auth-profiles").then().statusCode(201)
                .body("certificate_subject", org.hamcrest.Matchers.containsString("CN=aftercall-test-client"))
                .body("configured_fields", contains("certificate", "private_key"))
                .body(not(org.hamcrest.Matchers.containsString("PRIVATE KEY")));

        as(token).body(Map.of("name", unique("mtls"), "type", "mtls", "certificate", "not a pem",
                        "private_key", key))
                .post("/api/v1/auth-profiles").then().statusCode(400).body("field", equalTo("certificate"));
        as(token).body(Map.of("name", unique("mtls"), "type", "mtls", "certificate", certificate,
                        "private_key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
                .post("/api/v1/auth-profiles").then().statusCode(400).body("field", equalTo("private_key"));
        as(token).body(Map.of("name", unique("mtls"), "type", "mtls", "certificate", certificate,
                        "private_key", pem("other-key.pem")))
                .post("/api/v1/auth-profiles").then().statusCode(400)
                .body("field", equalTo("private_key"))
                .body("error", org.hamcrest.Matchers.containsString("does not belong"));
    }

    @Test
    void renamingKeepsTheStoredSecretAndTypeChangesNeedNewFields() {
        String name = unique("rename");
        int id = as(token).body(Map.of("name", name, "type", "basic", "username", "ops", "password", "pw-12345"))
                .post("/api/v1/auth-profiles").then().statusCode(201).extract().path("id");

        as(token).body(Map.of("name", name + "-new")).put("/api/v1/auth-profiles/{id}", id).then()
                .statusCode(200)
                .body("name", equalTo(name + "-new"))
                .body("configured_fields", contains("username", "password"));
        as(token).body(Map.of("type", "bearer")).put("/api/v1/auth-profiles/{id}", id).then()
                .statusCode(400).body("field", equalTo("token"));
    }

    @Test
    void namesAreUniquePerOutlet() {
        String name = unique("dup");
        as(token).body(Map.of("name", name, "type", "bearer", "token", "t1-abcd")).post("/api/v1/auth-profiles")
                .then().statusCode(201);
        as(token).body(Map.of("name", name, "type", "bearer", "token", "t2-abcd")).post("/api/v1/auth-profiles")
                .then().statusCode(409).body("field", equalTo("name"));
    }

    @Test
    void anotherOutletsProfileIsNotFound() {
        database.ensureOutlet(TestDatabase.SECOND_OUTLET, "Second outlet");
        String other = tokens.mint(TestDatabase.SECOND_OUTLET, null);
        int id = as(token).body(Map.of("name", unique("mine"), "type", "bearer", "token", "t-abcd"))
                .post("/api/v1/auth-profiles").then().statusCode(201).extract().path("id");

        as(other).get("/api/v1/auth-profiles/{id}", id).then().statusCode(404);
        as(other).body(Map.of("name", "stolen")).put("/api/v1/auth-profiles/{id}", id).then().statusCode(404);
        as(other).delete("/api/v1/auth-profiles/{id}", id).then().statusCode(404);
        as(other).get("/api/v1/auth-profiles?size=200").then().statusCode(200).body("items.id", not(hasItem(id)));
        as(token).get("/api/v1/auth-profiles/{id}", id).then().statusCode(200);
    }

    @Test
    void aDeletedProfileIsGone() {
        int id = as(token).body(Map.of("name", unique("gone"), "type", "bearer", "token", "t-abcd"))
                .post("/api/v1/auth-profiles").then().statusCode(201).extract().path("id");

        as(token).delete("/api/v1/auth-profiles/{id}", id).then().statusCode(204);
        as(token).get("/api/v1/auth-profiles/{id}", id).then().statusCode(404);
    }

    static String pem(String name) throws IOException {
        try (InputStream in = AuthProfileApiTest.class.getResourceAsStream("/mtls/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
