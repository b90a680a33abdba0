package dev.aftercall.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtractionResultTest {
    private static ExtractionResult sample() {
        Map<String, ExtractedValue> values = new LinkedHashMap<>();
        values.put("tickets", new ExtractedValue(JsonNodeFactory.instance.numberNode(4), "integer", "llm", null, null));
        values.put("email", new ExtractedValue(JsonNodeFactory.instance.textNode("asha@example.com"), "email",
                "embedded", "email said by the customer", "my email is asha at example dot com"));
        values.put("callback", ExtractedValue.missing("date", "embedded", "no extraction model configured"));
        return new ExtractionResult(values);
    }

    @Test
    void theAnalysisShowsValueTypeSourceAndReasonPerFieldInOrder() {
        assertThat(sample().toJson().toString()).isEqualTo("{"
                + "\"tickets\":{\"value\":4,\"type\":\"integer\",\"source\":\"llm\",\"reason\":null},"
                + "\"email\":{\"value\":\"asha@example.com\",\"type\":\"email\",\"source\":\"embedded\","
                + "\"reason\":\"email said by the customer\",\"evidence\":\"my email is asha at example dot com\"},"
                + "\"callback\":{\"value\":null,\"type\":\"date\",\"source\":\"embedded\","
                + "\"reason\":\"no extraction model configured\"}}");
    }

    @Test
    void variablesAreJustTheTypedValues() {
        assertThat(sample().variables().toString())
                .isEqualTo("{\"tickets\":4,\"email\":\"asha@example.com\",\"callback\":null}");
    }

    @Test
    void aStoredAnalysisReadsBackEqual() {
        assertThat(ExtractionResult.fromJson(sample().toJson())).isEqualTo(sample());
    }
}
