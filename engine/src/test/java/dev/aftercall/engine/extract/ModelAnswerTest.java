package dev.aftercall.engine.extract;

import static dev.aftercall.engine.extract.ExtractFixtures.CALL_END;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftercall.engine.extract.SchemaViolation.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ExtractionPrompt#parseAnswer} against seed 003's fields. */
class ModelAnswerTest {
    private static final List<ExtractionField> FIELDS = ExtractFixtures.seed003Fields();

    private static ModelAnswer parse(String modelText) {
        return ExtractionPrompt.parseAnswer(modelText, FIELDS, CALL_END);
    }

    @Test
    void aFittingAnswerIsTypedAndNeedsNoRepair() {
        ModelAnswer answer = parse("{\"customer_name\": \"Asha Rao\", \"interest_level\": \"high\","
                + " \"follow_up_required\": true, \"follow_up_date\": \"2026-11-23T17:00:00+05:30\","
                + " \"callback_number\": \"9876543210\"}");

        assertThat(answer.violations()).isEmpty();
        assertThat(answer.needsRepair()).isFalse();
        assertThat(answer.result().variables().toString()).isEqualTo("{\"customer_name\":\"Asha Rao\","
                + "\"interest_level\":\"high\",\"follow_up_required\":true,"
                + "\"follow_up_date\":\"2026-11-23T17:00:00+05:30\",\"callback_number\":\"9876543210\"}");
        assertThat(answer.result().values().values()).allSatisfy(value -> assertThat(value.source()).isEqualTo("llm"));
    }

    @Test
    void looselyTypedValuesAreCoercedWithoutComplaint() {
        ModelAnswer answer = parse("{\"customer_name\": \"Asha\", \"interest_level\": \"HIGH\","
                + " \"follow_up_required\": \"yes\", \"follow_up_date\": \"tomorrow at 5 pm\","
                + " \"callback_number\": 9876543210}");

        assertThat(answer.violations()).isEmpty();
        assertThat(answer.result().get("interest_level").value().asText()).isEqualTo("high");
        assertThat(answer.result().get("follow_up_required").value().booleanValue()).isTrue();
        assertThat(answer.result().get("callback_number").value().asText()).isEqualTo("9876543210");
    }

    @Test
    void nullsAreAnswersNotViolations() {
        ModelAnswer answer = parse("{\"customer_name\": null, \"interest_level\": null, \"follow_up_required\": null,"
                + " \"follow_up_date\": null, \"callback_number\": null}");

        assertThat(answer.violations()).isEmpty();
        assertThat(answer.result().get("customer_name").reason()).isEqualTo("not stated in the call");
    }

    @Test
    void codeFencesAndProseAroundTheObjectAreIgnored() {
        ModelAnswer answer = parse("Here you go:\n```json\n{\"customer_name\": \"Asha\", \"interest_level\": \"low\","
                + " \"follow_up_required\": false, \"follow_up_date\": null, \"callback_number\": null}\n```");

        assertThat(answer.violations()).isEmpty();
        assertThat(answer.result().get("customer_name").value().asText()).isEqualTo("Asha");
    }

    @Test
    void malformedJsonNeedsRepairAndKeepsTheFieldsBeforeTheError() {
        ModelAnswer answer = parse("{\"customer_name\": \"Asha\", interest_level: high}");

        assertThat(answer.violations()).extracting(SchemaViolation::problem).containsExactly(Problem.MALFORMED_JSON);
        assertThat(answer.violations().get(0).message()).startsWith("The answer is not valid JSON: Unexpected character");
        assertThat(answer.needsRepair()).isTrue();
        assertThat(answer.result().get("customer_name").value().asText()).isEqualTo("Asha");
        assertThat(answer.result().get("interest_level").isNull()).isTrue();
        assertThat(answer.result().get("interest_level").reason()).isEqualTo("the model's answer was not valid JSON");
    }

    @Test
    void aTruncatedAnswerKeepsItsCompleteFields() {
        ModelAnswer answer = parse("{\"customer_name\": \"Asha\", \"interest_level\": \"high\", \"follow_up_requ");

        assertThat(answer.violations()).extracting(SchemaViolation::problem).containsExactly(Problem.TRUNCATED_JSON);
        assertThat(answer.result().get("customer_name").value().asText()).isEqualTo("Asha");
        assertThat(answer.result().get("interest_level").value().asText()).isEqualTo("high");
        assertThat(answer.result().get("follow_up_required").reason())
                .isEqualTo("the model's answer was cut off before this field");
        assertThat(answer.result().values()).hasSize(5);
    }

    @Test
    void aNumberRightAtTheCutIsNotTrusted() {
        List<ExtractionField> fields = List.of(ExtractionField.of("name", "string", null),
                ExtractionField.of("amount", "integer", null));

        ModelAnswer answer = ExtractionPrompt.parseAnswer("{\"name\": \"Asha\", \"amount\": 12", fields, CALL_END);

        assertThat(answer.result().get("name").value().asText()).isEqualTo("Asha");
        assertThat(answer.result().get("amount").isNull()).isTrue();
    }

    @Test
    void anExtraFieldIsReportedButIgnoredAndNeedsNoRepairAlone() {
        ModelAnswer answer = parse("{\"customer_name\": \"Asha\", \"interest_level\": \"high\","
                + " \"follow_up_required\": true, \"follow_up_date\": null, \"callback_number\": null,"
                + " \"sentiment\": \"positive\"}");

        assertThat(answer.violations()).containsExactly(new SchemaViolation("sentiment", Problem.UNEXPECTED_FIELD,
                "Field 'sentiment' is not in the schema; leave it out."));
        assertThat(answer.needsRepair()).isFalse();
        assertThat(answer.result().values()).doesNotContainKey("sentiment");
    }

    @Test
    void wrongTypesThatCannotBeCoercedAreNullAndNamed() {
        ModelAnswer answer = parse("{\"customer_name\": {\"first\": \"Asha\"}, \"interest_level\": \"very high\","
                + " \"follow_up_required\": \"perhaps\", \"follow_up_date\": \"2026-11-23\", \"callback_number\": null}");

        assertThat(answer.violations()).extracting(SchemaViolation::field)
                .containsExactly("customer_name", "interest_level", "follow_up_required");
        assertThat(answer.violations()).extracting(SchemaViolation::problem).containsOnly(Problem.WRONG_TYPE);
        assertThat(answer.violations().get(1).message()).isEqualTo("Field 'interest_level': 'very high' is not one "
                + "of high, medium, low, none; expected one of high, medium, low, none or null.");
        assertThat(answer.result().get("interest_level").isNull()).isTrue();
        assertThat(answer.result().get("interest_level").reason())
                .isEqualTo("'very high' is not one of high, medium, low, none");
        assertThat(answer.result().get("follow_up_date").value().asText()).isEqualTo("2026-11-23");
    }

    @Test
    void aMissingFieldIsAViolation() {
        ModelAnswer answer = parse("{\"customer_name\": \"Asha\", \"interest_level\": \"high\","
                + " \"follow_up_required\": true, \"follow_up_date\": null}");

        assertThat(answer.violations()).containsExactly(new SchemaViolation("callback_number", Problem.MISSING_FIELD,
                "Field 'callback_number' is missing; give it, null if the transcript does not say."));
        assertThat(answer.result().get("callback_number").reason()).isEqualTo("the model's answer left this field out");
    }

    @Test
    void anAnswerThatIsNotAnObjectOrEmptyNeedsRepair() {
        assertThat(parse("[\"Asha\"]").violations()).extracting(SchemaViolation::problem)
                .containsExactly(Problem.NOT_AN_OBJECT);
        assertThat(parse("").violations()).extracting(SchemaViolation::problem).containsExactly(Problem.MALFORMED_JSON);
        assertThat(parse(null).needsRepair()).isTrue();
    }

    @Test
    void theRepairMessageListsEachViolation() {
        ModelAnswer answer = parse("{\"customer_name\": \"Asha\", \"interest_level\": \"very high\","
                + " \"follow_up_required\": true, \"follow_up_date\": null}");

        String message = ExtractionPrompt.repairMessage(answer.violations());

        assertThat(message).isEqualTo("""
                Your previous answer did not fit the JSON schema:
                - Field 'interest_level': 'very high' is not one of high, medium, low, none; expected one of high, \
                medium, low, none or null.
                - Field 'callback_number' is missing; give it, null if the transcript does not say.
                Reply again with only the corrected JSON object: every field present, no other fields, null where \
                the transcript does not say.""");
    }

    @Test
    void aRepairFillsTheGapsWithoutLosingWhatTheFirstAnswerGotRight() {
        ModelAnswer first = parse("{\"customer_name\": \"Asha\", \"interest_level\": \"very high\","
                + " \"follow_up_required\": true, \"follow_up_date\": null, \"callback_number\": null}");
        ModelAnswer repair = parse("{\"customer_name\": \"Asha\", \"interest_level\": \"high\","
                + " \"follow_up_required\": null, \"follow_up_date\": null, \"callback_number\": null}");

        ModelAnswer combined = first.withRepair(repair);

        assertThat(combined.result().get("interest_level").value().asText()).isEqualTo("high");
        assertThat(combined.result().get("follow_up_required").value().booleanValue()).isTrue();
        assertThat(combined.needsRepair()).isFalse();
    }
}
