package dev.aftercall.engine.extract;

import static dev.aftercall.engine.extract.ExtractFixtures.CALL_END;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformValuesTest {
    private static final List<ExtractionField> FIELDS = List.of(ExtractionField.of("email", "email", null),
            ExtractionField.of("tickets", "integer", "number of tickets"),
            ExtractionField.of("callback", "date", "when to call back"));

    private static ExtractionResult embeddedFrom(String transcript) {
        return new EmbeddedExtractor().extract(FIELDS, Transcript.ofText(transcript), CALL_END);
    }

    private static ObjectNode postCall(String json) {
        return (ObjectNode) ExtractFixtures.parse(json);
    }

    @Test
    void thePlatformsValueIsKeptWhereExtractionFoundNothing() {
        ExtractionResult merged = PlatformValues.merge(embeddedFrom("User: mail me at asha@example.com"),
                postCall("{\"email\": \"other@example.com\", \"tickets\": \"4\", \"sentiment\": \"happy\"}"), FIELDS);

        assertThat(merged.get("tickets").value().asInt()).isEqualTo(4);
        assertThat(merged.get("tickets").value().isIntegralNumber()).isTrue();
        assertThat(merged.get("tickets").source()).isEqualTo("platform");
        assertThat(merged.get("tickets").reason()).isEqualTo("sent by the platform in post_call");
        assertThat(merged.values()).doesNotContainKey("sentiment");
    }

    @Test
    void extractionsNonNullValueWinsOverThePlatforms() {
        ExtractionResult merged = PlatformValues.merge(embeddedFrom("User: mail me at asha@example.com"),
                postCall("{\"email\": \"other@example.com\"}"), FIELDS);

        assertThat(merged.get("email").value().asText()).isEqualTo("asha@example.com");
        assertThat(merged.get("email").source()).isEqualTo("embedded");
    }

    @Test
    void aPlatformValueThatDoesNotFitTheTypeIsKeptAsSent() {
        ExtractionResult merged = PlatformValues.merge(embeddedFrom("User: hello"),
                postCall("{\"tickets\": \"a few\"}"), FIELDS);

        assertThat(merged.get("tickets").value().asText()).isEqualTo("a few");
        assertThat(merged.get("tickets").source()).isEqualTo("platform");
        assertThat(merged.get("tickets").reason()).isEqualTo("sent by the platform; kept as sent: 'a few' is not a number");
    }

    @Test
    void aRelativeDateFromThePlatformResolvesWhenAReferenceIsGiven() {
        ExtractionResult merged = PlatformValues.merge(embeddedFrom("User: hello"),
                postCall("{\"callback\": \"tomorrow at 5 pm\"}"), FIELDS, CALL_END);

        assertThat(merged.get("callback").value().asText()).isEqualTo("2026-11-23T17:00:00+05:30");
    }

    @Test
    void nullPlatformValuesAndAMissingPostCallChangeNothing() {
        ExtractionResult extracted = embeddedFrom("User: hello");

        assertThat(PlatformValues.merge(extracted, postCall("{\"tickets\": null}"), FIELDS)).isEqualTo(extracted);
        assertThat(PlatformValues.merge(extracted, null, FIELDS)).isEqualTo(extracted);
    }
}
