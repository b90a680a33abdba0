package dev.aftercall.server.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.call.CallDocument;
import dev.aftercall.server.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every platform payload in {@code flows-examples/intake/<platform>/<case>.json} maps to exactly the call (or the
 * "ignored" verdict) in {@code <case>.expected.json}, and every mapped call passes the calls API's own checks.
 * A case without an expected file fails, and its actual mapping is written to {@code target/intake-golden/} for
 * review.
 */
class PlatformMappingGoldenTest {
    static final Path INTAKE = Path.of("../flows-examples/intake");

    static List<Path> payloads() throws IOException {
        try (Stream<Path> files = Files.walk(INTAKE)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(".json"))
                    .filter(f -> !f.toString().endsWith(".expected.json"))
                    .filter(f -> Platform.of(f.getParent().getFileName().toString()).isPresent())
                    .sorted().toList();
            assertThat(found).as("payload fixtures under " + INTAKE.toAbsolutePath()).isNotEmpty();
            return found;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void payloadMapsToTheExpectedCall(Path payload) throws IOException {
        Platform platform = Platform.of(payload.getParent().getFileName().toString()).orElseThrow();
        PlatformEvent event = platform.mapper().map(Json.mapper().readTree(payload.toFile()));
        ObjectNode actual = Json.object();
        actual.put("event", event.event());
        actual.put("timing", event.timing().name());
        if (event.call() != null) {
            actual.set("call", event.call());
            CallDocument.of(event.call()); // throws when the calls API would refuse the mapped call
        }

        Path expectedFile = payload.resolveSibling(payload.getFileName().toString().replace(".json", ".expected.json"));
        if (!Files.exists(expectedFile)) {
            Path dump = Path.of("target/intake-golden", platform.wireName(), expectedFile.getFileName().toString());
            Files.createDirectories(dump.getParent());
            Files.writeString(dump, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
        }
        assertThat(expectedFile).as("expected mapping (actual written to target/intake-golden)").exists();
        JsonNode expected = Json.mapper().readTree(expectedFile.toFile());
        // Compared as JSON text reads back, so 93.45 is 93.45 whatever number type the mapper built it with.
        assertThat(Json.mapper().readTree(actual.toString())).isEqualTo(expected);
    }
}
