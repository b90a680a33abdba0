package dev.aftercall.server.function;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftercall.engine.js.FunctionExpectations;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.http.StubTarget;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example of {@code flows-examples/functions/} is saved through the API (so it passes the save-time checks
 * unchanged) and each of its cases runs through {@code POST /api/v1/functions/{id}/test}, matching
 * {@code expected-<case>.json}. Basic examples' realistic host is pointed at a local target answering from
 * {@code target.json}; advanced examples that call an API name their host in code, which is not changed, so their
 * HTTP cases run in the engine's FunctionExamplesTest instead, where the bridge routes every host locally.
 */
@QuarkusTest
class FunctionExamplesTest {
    /** Its own outlet: functions and variables are outlet-wide, so other tests' calls must not meet them. */
    static final long OUTLET = 64;

    @Inject
    TestDatabase database;

    static final Path EXAMPLES = FunctionTestEndpointTest.EXAMPLES;

    @Inject
    Tokens tokens;

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> folders = Files.list(EXAMPLES)) {
            List<Path> all = folders.filter(f -> Files.exists(f.resolve("function.json"))).sorted().toList();
            assertThat(all).as("examples in %s", EXAMPLES.toAbsolutePath()).isNotEmpty();
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleSavesUnchangedAndEachCaseMatchesItsExpectedOutcome(Path folder) throws IOException {
        database.ensureOutlet(OUTLET, "FunctionExamplesTest");
        String token = tokens.mint(OUTLET, null);
        ObjectNode function = (ObjectNode) Json.tree(Files.readString(folder.resolve("function.json")));
        boolean advanced = "advanced".equals(function.path("mode").asText());
        if (advanced) {
            function.put("code", Files.readString(folder.resolve("function.js")));
        }
        // Saved for no real call: the examples must not run for other tests' calls.
        function.set("agents", Json.tree(List.of("agent-of-no-call")));
        try (StubTarget target = StubTarget.start()) {
            if (!advanced) {
                function.put("api_url", function.get("api_url").asText()
                        .replaceFirst("^https?://[^/]+", target.url("")));
            }
            int id = as(token).body(function.toString()).post("/api/v1/functions").then().statusCode(201)
                    .extract().path("id");
            try (Stream<Path> files = Files.list(folder)) {
                for (String name : files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("context-"))
                        .sorted().toList()) {
                    String example = folder.getFileName() + " / " + name;
                    String caseName = name.substring("context-".length(), name.length() - ".json".length());
                    Path targetFile = Files.exists(folder.resolve("target-" + caseName + ".json"))
                            ? folder.resolve("target-" + caseName + ".json") : folder.resolve("target.json");
                    if (advanced && Files.exists(targetFile)) {
                        continue;
                    }
                    runCase(token, id, folder, caseName, targetFile, target, example);
                }
            } finally {
                as(token).delete("/api/v1/functions/{id}", id).then().statusCode(204);
            }
        }
    }

    private void runCase(String token, int id, Path folder, String caseName, Path targetFile, StubTarget target,
                         String example) throws IOException {
        JsonNode routes = Files.exists(targetFile) ? Json.tree(Files.readString(targetFile))
                : Json.mapper().createArrayNode();
        target.answer(received -> answer(routes, received));
        int before = target.requests().size();
        JsonNode context = Json.tree(Files.readString(folder.resolve("context-" + caseName + ".json")));
        JsonNode expected = Json.tree(Files.readString(folder.resolve("expected-" + caseName + ".json")));

        String answer = as(token).body(Map.of("context", context)).post("/api/v1/functions/{id}/test", id)
                .then().statusCode(200).extract().asString();

        ObjectNode outcome = (ObjectNode) Json.tree(answer);
        ArrayNode requests = outcome.putArray("requests");
        for (StubTarget.Received received : target.requests().subList(before, target.requests().size())) {
            ObjectNode request = requests.addObject();
            request.put("method", received.method());
            request.put("path", received.path());
            request.put("query", received.query());
            request.set("headers", Json.tree(received.headers()));
            request.set("body", received.body().isEmpty() ? null : Json.tree(received.body()));
        }
        FunctionExpectations.assertMatches(expected, outcome, example);
    }

    /** The first route of {@code target.json} with the request's method and path; 404 otherwise. */
    private static StubTarget.Answer answer(JsonNode routes, StubTarget.Received received) {
        for (JsonNode route : routes) {
            if (route.path("method").asText().equals(received.method())
                    && route.path("path").asText().equals(received.path())) {
                return new StubTarget.Answer(route.path("status").asInt(200), Map.of("Content-Type", "application/json"),
                        route.path("body").toString().getBytes(StandardCharsets.UTF_8), Duration.ZERO);
            }
        }
        return StubTarget.Answer.json(404, "{\"error\":\"no route\"}");
    }
}
