package dev.aftercall.server.api;

import dev.aftercall.server.auth.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.aftercall.server.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class ServiceEndpointsTest {
    @Inject
    Tokens tokens;

    @Test
    void rootAndEditorRedirectToTheEditorPage() {
        noRedirects().get("/").then().statusCode(303).header("Location", endsWith("/editor/"));
        noRedirects().get("/editor").then().statusCode(303).header("Location", endsWith("/editor/"));
        noRedirects().get("/editor?token=abc").then().statusCode(303).header("Location", endsWith("/editor/?token=abc"));
    }

    @Test
    void theEditorPageIsServed() {
        given().get("/editor/").then()
                .statusCode(200)
                .body(containsString("Aftercall editor"));
    }

    @Test
    void anUnknownApiPathIsAJson404() {
        as(tokens.mint(1, null)).get("/api/v1/no-such-thing").then()
                .statusCode(404)
                .body("error", equalTo("not found: /api/v1/no-such-thing"));
    }

    @Test
    void readinessCoversTheDatabaseAndTheJobWorker() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("job worker", "Database connections health check"));
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/calls"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    private static RequestSpecification noRedirects() {
        return given().config(RestAssured.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)));
    }
}
