package dev.aftercall.engine.extract;

import static dev.aftercall.engine.extract.ExtractFixtures.CALL_END;
import static dev.aftercall.engine.extract.ExtractFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractionPromptTest {
    @Test
    void theSchemaForSeed003sFieldsIsTheStrictStructuredOutputShape() {
        ObjectNode schema = ExtractionPrompt.schema(ExtractFixtures.seed003Fields());

        assertThat(schema).isEqualTo(json("seed003-schema.json"));
    }

    @Test
    void everyFieldIsRequiredNullableAndNothingElseIsAllowed() {
        ObjectNode schema = ExtractionPrompt.schema(ExtractFixtures.seed004Fields());

        assertThat(schema.get("type").asText()).isEqualTo("object");
        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        assertThat(schema.get("required")).extracting(JsonNode::asText).containsExactly("name", "email_id",
                "phone_number", "enquiry_type", "occasion", "call_summary");
        schema.get("properties").forEach(property -> {
            assertThat(property.get("type").get(1).asText()).isEqualTo("null");
            assertThat(property.get("description").asText()).isNotBlank();
        });
        assertThat(schema.at("/properties/call_summary/description").asText())
                .isEqualTo("Summary of the entire conversation with the user , described in around 30-40 words");
    }

    @Test
    void seed004sFieldNamesAreKeptAsWritten() {
        ObjectNode schema = ExtractionPrompt.schema(ExtractionField.listFromJson(json("seed004-post-variables.json")));

        assertThat(schema.get("properties").has("customer_phone_no.")).isTrue();
        assertThat(schema.get("required")).extracting(JsonNode::asText)
                .containsExactly("customer_name", "customer_phone_no.");
    }

    @Test
    void eachTypeMapsToItsJsonSchemaTypeAndForm() {
        List<ExtractionField> fields = List.of(ExtractionField.of("n", "number", "amount"),
                ExtractionField.of("i", "integer", "count"), ExtractionField.of("f", "float", "ratio"),
                ExtractionField.of("b", "boolean", "flag"), ExtractionField.of("d", "date", "when to call back"),
                ExtractionField.of("t", "time", "preferred time"), ExtractionField.of("e", "email", "address"),
                new ExtractionField("c", FieldType.ENUM, "size", List.of("S", "M")));

        ObjectNode properties = (ObjectNode) ExtractionPrompt.schema(fields).get("properties");

        assertThat(properties.at("/n/type/0").asText()).isEqualTo("number");
        assertThat(properties.at("/i/type/0").asText()).isEqualTo("integer");
        assertThat(properties.at("/f/type/0").asText()).isEqualTo("number");
        assertThat(properties.at("/b/type/0").asText()).isEqualTo("boolean");
        assertThat(properties.at("/d/type/0").asText()).isEqualTo("string");
        assertThat(properties.at("/d/description").asText()).isEqualTo("when to call back. ISO 8601 date YYYY-MM-DD,"
                + " or YYYY-MM-DDTHH:MM:SS with UTC offset when a time is said.");
        assertThat(properties.at("/t/description").asText()).isEqualTo("preferred time. 24-hour time HH:MM.");
        assertThat(properties.at("/e/format").asText()).isEqualTo("email");
        assertThat(properties.at("/c/enum").toString()).isEqualTo("[\"S\",\"M\",null]");
    }

    @Test
    void theSystemPromptGuidesWithDescriptionsRulesAndTheCallsEnd() {
        String system = ExtractionPrompt.systemPrompt(ExtractFixtures.seed003Fields(), CALL_END);

        assertThat(system)
                .contains("- customer_name (string): Customer full name\n")
                .contains("- interest_level (one of: high, medium, low, none)\n")
                .contains("- follow_up_required (boolean): Whether follow-up is needed\n")
                .contains("- callback_number (string): Phone number to call back, digits only\n")
                .contains("When it does not say, answer null")
                .contains("The call ended at 2026-11-22T10:00:00+05:30 (time zone Asia/Kolkata)")
                .contains("\"tomorrow at 5 pm\"");
    }

    @Test
    void theUserMessageIsTheTranscript() {
        Transcript transcript = Transcript.ofText("Agent: Shall I call you back?\nUser: Yes, tomorrow at 5 pm.");

        ExtractionPrompt prompt = ExtractionPrompt.build(ExtractFixtures.seed003Fields(), transcript, CALL_END);

        assertThat(prompt.user()).isEqualTo(
                "Transcript of the call:\n\nAgent: Shall I call you back?\nUser: Yes, tomorrow at 5 pm.");
        assertThat(prompt.schema()).isEqualTo(ExtractionPrompt.schema(ExtractFixtures.seed003Fields()));
    }

    @Test
    void theResponseFormatWrapsTheSchemaForOpenAiStrictMode() {
        ExtractionPrompt prompt = ExtractionPrompt.build(ExtractFixtures.seed003Fields(), Transcript.ofText("hi"),
                CALL_END);

        ObjectNode format = prompt.responseFormat();

        assertThat(format.get("type").asText()).isEqualTo("json_schema");
        assertThat(format.at("/json_schema/name").asText()).isEqualTo("post_call_variables");
        assertThat(format.at("/json_schema/strict").asBoolean()).isTrue();
        assertThat(format.at("/json_schema/schema")).isEqualTo(prompt.schema());
    }
}
