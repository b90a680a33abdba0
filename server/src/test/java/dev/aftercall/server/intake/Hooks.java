package dev.aftercall.server.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.json.Json;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.aftercall.server.support.Api.as;
import static io.restassured.RestAssured.given;

/** The intake tests' moves: fixtures from {@code flows-examples/intake/}, tokens, flows, deliveries. */
final class Hooks {
    static final Path INTAKE = Path.of("../flows-examples/intake");

    private Hooks() {
    }

    /** The raw bytes of {@code flows-examples/intake/<platform>/<name>.json}, as a platform would send them. */
    static byte[] fixture(String platform, String name) {
        try {
            return Files.readAllBytes(INTAKE.resolve(platform).resolve(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Creates a token; answers the path of its webhook URL ({@code /hooks/<platform>/<token>}). */
    static String hookPath(String jwt, String platform, String secret) {
        return hookPath(jwt, secret == null ? Map.of("platform", platform)
                : Map.of("platform", platform, "secret", secret));
    }

    static String hookPath(String jwt, Map<String, String> request) {
        String url = as(jwt).body(request).post("/api/v1/intake-tokens").then().statusCode(201)
                .extract().path("url");
        return url.substring(url.indexOf("/hooks/"));
    }

    /** Publishes {@code flows-examples/intake/crm-flow.json} with its CRM pointed at {@code crmBase}. */
    static void publishCrmFlow(String jwt, String crmBase) {
        try {
            String text = Files.readString(INTAKE.resolve("crm-flow.json")).replace("https://crm.example.com", crmBase);
            ObjectNode flow = (ObjectNode) Json.tree(text);
            int id = as(jwt).body(flow.toString()).post("/api/v1/flows").then().statusCode(201).extract().path("id");
            as(jwt).post("/api/v1/flows/{id}/publish", id).then().statusCode(200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RequestSpecification platform() {
        return given().contentType("application/json");
    }

    static ValidatableResponse deliver(String path, byte[] body) {
        return platform().body(body).post(path).then();
    }
}
