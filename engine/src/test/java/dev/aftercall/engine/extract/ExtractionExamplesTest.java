package dev.aftercall.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole calls under {@code extract/calls/<name>/}: {@code call.json} (transcript, end, outlet zone),
 * {@code fields.json} (either seed's shape) and {@code expected.json} (what the embedded extractor yields).
 */
class ExtractionExamplesTest {
    @ParameterizedTest
    @ValueSource(strings = {"spoken-email-callback", "seed003-solar-follow-up", "seed004-table-booking"})
    void theEmbeddedExtractorYieldsTheExpectedAnalysis(String example) {
        JsonNode call = ExtractFixtures.json("calls/" + example + "/call.json");
        List<ExtractionField> fields = ExtractionField.listFromJson(
                ExtractFixtures.json("calls/" + example + "/fields.json"));
        JsonNode expected = ExtractFixtures.json("calls/" + example + "/expected.json");
        ZonedDateTime end = Instant.parse(call.get("ended_at").asText())
                .atZone(ZoneId.of(call.get("time_zone").asText()));

        JsonNode actual = new EmbeddedExtractor().extract(fields, call.get("transcript"), end).toJson();

        assertThat(names(actual)).containsExactlyElementsOf(names(expected));
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> keys = field.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                assertThat(actual.get(field.getKey()).get(key.getKey()))
                        .as("%s.%s in %s", field.getKey(), key.getKey(), example).isEqualTo(key.getValue());
            }
        }
    }

    private static List<String> names(JsonNode object) {
        Stream.Builder<String> names = Stream.builder();
        object.fieldNames().forEachRemaining(names::add);
        return names.build().toList();
    }
}
