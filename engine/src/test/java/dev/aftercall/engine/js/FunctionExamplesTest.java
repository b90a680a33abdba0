package dev.aftercall.engine.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.testing.StubTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests over {@code flows-examples/functions/}: every advanced example's {@code function.js}, unchanged, runs
 * on each {@code context-<case>.json} with its requests answered by a local target from {@code target-<case>.json}
 * or {@code target.json} (whatever host the code names), and must match {@code expected-<case>.json}. The format is
 * described in {@code flows-examples/functions/README.md}; the server's FunctionExamplesTest runs the same folders
 * through the API.
 */
class FunctionExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("..", "flows-examples", "functions");

    private static JsSandbox sandbox;

    record ExampleCase(Path folder, String name) {
        Path file(String prefix) {
            return folder.resolve(prefix + "-" + name + ".json");
        }

        @Override
        public String toString() {
            return folder.getFileName() + " / " + name;
        }
    }

    @BeforeAll
    static void start() {
        sandbox = new JsSandbox(1, Fixtures.TEST_LIMITS);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Stream<ExampleCase> cases() throws IOException {
        List<ExampleCase> cases = new ArrayList<>();
        try (Stream<Path> folders = Files.list(EXAMPLES)) {
            for (Path folder : folders.filter(f -> Files.exists(f.resolve("function.js"))).sorted().toList()) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("context-")).sorted()
                            .forEach(n -> cases.add(new ExampleCase(folder,
                                    n.substring("context-".length(), n.length() - ".json".length()))));
                }
            }
        }
        assertThat(cases).as("advanced function examples in %s", EXAMPLES.toAbsolutePath()).isNotEmpty();
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exampleRunsUnchangedAndMatchesItsExpectedOutcome(ExampleCase example) throws IOException {
        String code = Files.readString(example.folder().resolve("function.js"));
        JsonNode definition = read(example.folder().resolve("function.json"));
        assertThat(FunctionCode.check(code)).as("validation problems").isEmpty();
        assertThat(FunctionCode.functionName(code)).contains(definition.path("name").asText());
        ObjectNode context = (ObjectNode) read(example.file("context"));
        JsonNode expected = read(example.file("expected"));
        Path targetFile = Files.exists(example.file("target")) ? example.file("target")
                : example.folder().resolve("target.json");

        try (StubTarget target = new StubTarget().start()) {
            if (Files.exists(targetFile)) {
                target.load(read(targetFile));
            }
            FunctionRun run = sandbox.run(code, context, LocalHttpBridge.toPort(target.port()));

            ObjectNode outcome = JSON.createObjectNode();
            outcome.put("status", run.succeeded() ? "succeeded" : "failed");
            outcome.put("error", run.error());
            outcome.set("context", run.context());
            ArrayNode added = JSON.createArrayNode();
            for (int i = context.path("functions_called").size(); i < run.functionsCalled().size(); i++) {
                added.add(run.functionsCalled().get(i));
            }
            outcome.set("functions_called", added);
            outcome.set("console", JSON.valueToTree(run.console()));
            ArrayNode requests = outcome.putArray("requests");
            for (StubTarget.Received received : target.requests()) {
                ObjectNode request = requests.addObject();
                request.put("method", received.method());
                request.put("path", received.path());
                request.put("query", received.rawQuery());
                request.set("headers", JSON.valueToTree(received.headers()));
                request.set("body", received.body().isEmpty() ? null : received.json());
            }
            assertThat(run.warnings()).as("warnings of %s", example).isEmpty();
            FunctionExpectations.assertMatches(expected, outcome, example.toString());
        }
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }
}
