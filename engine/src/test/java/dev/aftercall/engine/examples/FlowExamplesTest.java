package dev.aftercall.engine.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftercall.engine.flow.FlowDocuments;
import dev.aftercall.engine.flow.FlowValidationException;
import dev.aftercall.engine.http.HttpPort;
import dev.aftercall.engine.http.JdkHttpPort;
import dev.aftercall.engine.model.Flow;
import dev.aftercall.engine.run.CallData;
import dev.aftercall.engine.run.Delayer;
import dev.aftercall.engine.run.FlowRunner;
import dev.aftercall.engine.run.NodeExecutors;
import dev.aftercall.engine.run.RunEnvironment;
import dev.aftercall.engine.run.RunState;
import dev.aftercall.engine.run.Step;
import dev.aftercall.engine.testing.RoutingHttpPort;
import dev.aftercall.engine.testing.StubTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests over {@code flows-examples/}: every {@code call-<case>.json} runs through its folder's
 * {@code flow.json} against a real local HTTP target answering from {@code target-<case>.json} or
 * {@code target.json}, and the run must match {@code expected-<case>.json}. The server's end-to-end tests and the
 * editor's browser tests use the same folders, so the format is documented once, in
 * {@code flows-examples/README.md}.
 */
class FlowExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Surefire runs in the module directory ({@code engine/}); the examples live beside it. */
    private static final Path EXAMPLES = Path.of("..", "flows-examples");
    /** One HTTP client for every case: each JDK client owns a selector thread that outlives a test. */
    private static final HttpPort HTTP = new JdkHttpPort();
    /** {@code 1} and {@code 1.0}, an int and a long: equal numbers, as JSON readers disagree on their types. */
    private static final Comparator<JsonNode> SAME_NUMBER = (a, b) ->
            a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    /** One call of one example, named as test reports show it: {@code helpdesk-ticket-on-escalation / escalated}. */
    record ExampleCase(Path folder, String name) {
        Path file(String prefix) {
            return folder.resolve(prefix + "-" + name + ".json");
        }

        @Override
        public String toString() {
            return folder.getFileName() + " / " + name;
        }
    }

    static List<Path> folders() throws IOException {
        if (!Files.isDirectory(EXAMPLES)) {
            throw new IllegalStateException("flows-examples/ not found at " + EXAMPLES.toAbsolutePath().normalize());
        }
        List<Path> folders;
        try (Stream<Path> children = Files.list(EXAMPLES)) {
            folders = children.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve("flow.json")))
                    .sorted().toList();
        }
        if (folders.isEmpty()) {
            throw new IllegalStateException("no example folder with a flow.json in "
                    + EXAMPLES.toAbsolutePath().normalize());
        }
        return folders;
    }

    static Stream<ExampleCase> cases() throws IOException {
        List<ExampleCase> cases = new ArrayList<>();
        for (Path folder : folders()) {
            for (String name : namesOf(folder, "call")) {
                cases.add(new ExampleCase(folder, name));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("folders")
    void exampleIsCompleteAndItsFlowIsValid(Path folder) throws IOException {
        JsonNode document = read(folder.resolve("flow.json"));
        try {
            FlowDocuments.parse(document);
        } catch (FlowValidationException e) {
            fail("%s/flow.json is invalid: %s", folder.getFileName(), e.errors());
        }
        assertThat(document.path("name").asText()).as("%s: flow name matches its folder", folder.getFileName())
                .isEqualTo(folder.getFileName().toString());
        assertThat(folder.resolve("README.md")).exists();
        assertThat(folder.resolve("target.json")).exists();
        assertThat(namesOf(folder, "call")).as("%s: call-<case>.json files, each with its expected-<case>.json",
                        folder.getFileName()).isNotEmpty()
                .isEqualTo(namesOf(folder, "expected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runMatchesExpected(ExampleCase example) throws Exception {
        Flow flow = FlowDocuments.parse(read(example.folder().resolve("flow.json")));
        CallData call = CallData.fromCall(read(example.file("call")));
        JsonNode expected = read(example.file("expected"));
        Path targetFile = Files.exists(example.file("target"))
                ? example.file("target") : example.folder().resolve("target.json");

        try (StubTarget target = new StubTarget().start()) {
            target.load(read(targetFile));
            FlowRunner runner = new FlowRunner(
                    NodeExecutors.standard(new RoutingHttpPort(HTTP, target), Delayer.JDK));
            RunState begun = RunState.begin(call.callId() + ":example", flow.start().id(), call);
            RunState end = runner.run(flow, begun, RunEnvironment.inMemory())
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            String trace = describe(example, end);

            assertThat(end.status().name().toLowerCase(Locale.ROOT)).as("status%s", trace)
                    .isEqualTo(expected.path("status").asText());
            assertThat(end.steps().stream().map(Step::node).toList()).as("path%s", trace)
                    .isEqualTo(texts(expected.get("path")));
            if (expected.has("ports")) {
                assertThat(end.steps().stream().map(Step::port).toList()).as("ports%s", trace)
                        .isEqualTo(texts(expected.get("ports")));
            }
            assertRequests(expected.path("requests"), target.requests(), trace);
            expected.path("variables").properties().forEach(v ->
                    assertVariable(v.getKey(), v.getValue(), end.variables().get(v.getKey()), trace));
            if (expected.has("error_contains")) {
                assertThat(end.error()).as("error%s", trace).contains(expected.get("error_contains").asText());
            }
        }
    }

    /** Compares what the target received, in order, with the expected requests; listed headers only. */
    private static void assertRequests(JsonNode expected, List<StubTarget.Received> received, String trace) {
        assertThat(received).as("requests the target received%s", trace).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = expected.get(i);
            StubTarget.Received got = received.get(i);
            String which = "request " + (i + 1) + " (" + got.method() + " " + got.path() + ")";
            assertThat(got.method()).as("%s method", which).isEqualTo(want.path("method").asText());
            assertThat(got.path()).as("%s path", which).isEqualTo(want.path("path").asText());
            if (want.has("query")) {
                Map<String, List<String>> query = new LinkedHashMap<>();
                want.get("query").properties().forEach(q -> query.put(q.getKey(), texts(q.getValue())));
                assertThat(got.query()).as("%s query", which).isEqualTo(query);
            }
            want.path("headers").properties().forEach(h ->
                    assertThat(got.header(h.getKey())).as("%s header %s", which, h.getKey())
                            .isEqualTo(h.getValue().asText()));
            JsonNode body = want.get("body");
            if (body == null || body.isNull()) {
                assertThat(got.body()).as("%s has no body", which).isEmpty();
            } else {
                assertThat(sameJson(body, got.json()))
                        .as("%s body%n  expected: %s%n  received: %s", which, body, got.body()).isTrue();
            }
        }
    }

    /** An expected {@code null} means "not set, or set to null": a branch not taken leaves no variable. */
    private static void assertVariable(String name, JsonNode want, JsonNode got, String trace) {
        if (want.isNull()) {
            assertThat(got == null || got.isNull()).as("variable %s is unset, but is %s%s", name, got, trace)
                    .isTrue();
        } else {
            assertThat(sameJson(want, got)).as("variable %s%n  expected: %s%n  actual:   %s%s", name, want, got, trace)
                    .isTrue();
        }
    }

    private static boolean sameJson(JsonNode want, JsonNode got) {
        return got != null && want.equals(SAME_NUMBER, got);
    }

    /**
     * The case and its run in a few lines, appended to every failure: the cause is visible without a debugger, and
     * the case is named even where a report shows only {@code runMatchesExpected(ExampleCase)[7]}.
     */
    private static String describe(ExampleCase example, RunState run) {
        StringBuilder out = new StringBuilder("\n  example: ").append(example)
                .append("\n  run: ").append(run.status());
        if (run.error() != null) {
            out.append(" (").append(run.error()).append(')');
        }
        for (Step step : run.steps()) {
            out.append("\n  ").append(step.node()).append(" -> ").append(step.port());
            if (step.error() != null) {
                out.append("  error: ").append(step.error());
            }
            if (step.warnings() != null) {
                out.append("  warnings: ").append(step.warnings());
            }
        }
        return out.append("\n  variables: ").append(run.variables()).toString();
    }

    /** {@code a} or {@code ["a", null]} as a list of texts (JSON null stays null). */
    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            out.add(node.asText());
            return out;
        }
        node.forEach(n -> out.add(n.isNull() ? null : n.asText()));
        return out;
    }

    /** The {@code <case>} parts of {@code <prefix>-<case>.json} in a folder, sorted. */
    private static List<String> namesOf(Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(prefix + "-") && n.endsWith(".json"))
                    .map(n -> n.substring(prefix.length() + 1, n.length() - ".json".length()))
                    .sorted().toList();
        }
    }

    private static JsonNode read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalStateException("missing " + file.toAbsolutePath().normalize());
        }
        return JSON.readTree(file.toFile());
    }
}
