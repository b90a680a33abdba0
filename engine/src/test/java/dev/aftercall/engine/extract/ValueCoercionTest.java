package dev.aftercall.engine.extract;

import static dev.aftercall.engine.extract.ExtractFixtures.CALL_END;
import static dev.aftercall.engine.extract.ExtractFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueCoercionTest {
    private static ExtractedValue coerce(FieldType type, String rawJson) {
        return coerce(new ExtractionField("f", type, null), rawJson);
    }

    private static ExtractedValue coerce(ExtractionField field, String rawJson) {
        return ValueCoercion.coerce(field, parse(rawJson), CALL_END, ExtractedValue.LLM);
    }

    private static JsonNode text(String value) {
        return JsonNodeFactory.instance.textNode(value);
    }

    @Nested
    class Numbers {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"\"42\"|42", "42|42", "42.0|42", "\" 1,200 \"|1200", "\"₹1,200\"|1200",
                "\"forty two\"|42", "\"42 tickets\"|42", "\"-3\"|-3"})
        void anIntegerFieldTakesWholeNumbersAsJsonIntegers(String raw, long expected) {
            ExtractedValue value = coerce(FieldType.INTEGER, raw);

            assertThat(value.value().isIntegralNumber()).isTrue();
            assertThat(value.value().asLong()).isEqualTo(expected);
            assertThat(value.type()).isEqualTo("integer");
            assertThat(value.reason()).isNull();
        }

        @Test
        void anIntegerFieldRefusesAFraction() {
            ExtractedValue value = coerce(FieldType.INTEGER, "\"3.5\"");

            assertThat(value.isNull()).isTrue();
            assertThat(value.reason()).isEqualTo("'3.5' is not a whole number");
        }

        @Test
        void aFloatFieldTakesDecimalsAndWholeNumbersAsDoubles() {
            assertThat(coerce(FieldType.FLOAT, "\"3.5\"").value().doubleValue()).isEqualTo(3.5);
            assertThat(coerce(FieldType.FLOAT, "3").value().isDouble()).isTrue();
            assertThat(coerce(FieldType.FLOAT, "3").value().toString()).isEqualTo("3.0");
        }

        @Test
        void aNumberFieldKeepsWholeNumbersWholeAndFractionsFractional() {
            assertThat(coerce(FieldType.NUMBER, "\"42\"").value().toString()).isEqualTo("42");
            assertThat(coerce(FieldType.NUMBER, "\"3.5\"").value().toString()).isEqualTo("3.5");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"abc\"", "true", "\"3 or 4\""})
        void somethingThatIsNotOneNumberBecomesNullWithAReason(String raw) {
            ExtractedValue value = coerce(FieldType.NUMBER, raw);

            assertThat(value.isNull()).isTrue();
            assertThat(value.reason()).endsWith("is not a number");
        }
    }

    @Nested
    class Booleans {
        @ParameterizedTest
        @ValueSource(strings = {"true", "\"true\"", "\"yes\"", "\"Yes please\"", "\"1\"", "1", "\"Y\"", "\"sure\"",
                "\"No problem\""})
        void yesLikeAnswersAreTrue(String raw) {
            assertThat(coerce(FieldType.BOOLEAN, raw).value().isBoolean()).isTrue();
            assertThat(coerce(FieldType.BOOLEAN, raw).value().booleanValue()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"false", "\"false\"", "\"no\"", "\"No thanks\"", "\"0\"", "0", "\"nope\"",
                "\"not interested\""})
        void noLikeAnswersAreFalse(String raw) {
            assertThat(coerce(FieldType.BOOLEAN, raw).value().booleanValue()).isFalse();
            assertThat(coerce(FieldType.BOOLEAN, raw).isNull()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"maybe\"", "\"I'm not sure\"", "\"blue\"", "2"})
        void hedgesAndNonsenseAreNullWithAReason(String raw) {
            ExtractedValue value = coerce(FieldType.BOOLEAN, raw);

            assertThat(value.isNull()).isTrue();
            assertThat(value.reason()).endsWith("is not a yes or no");
        }
    }

    @Nested
    class Enums {
        private final ExtractionField interest = new ExtractionField("interest_level", FieldType.ENUM,
                "high, medium, low, none");

        @Test
        void matchesAllowedValuesCaseInsensitivelyAndReturnsTheCanonicalSpelling() {
            assertThat(coerce(interest, "\"HIGH\"").value().asText()).isEqualTo("high");
            assertThat(coerce(interest, "\" Medium \"").value().asText()).isEqualTo("medium");
        }

        @Test
        void matchesAcrossSpacesUnderscoresAndDashes() {
            ExtractionField outcome = new ExtractionField("outcome", FieldType.ENUM, null,
                    List.of("interested", "not_interested"));

            assertThat(coerce(outcome, "\"Not Interested\"").value().asText()).isEqualTo("not_interested");
        }

        @Test
        void anUnknownValueIsNullWithTheAllowedValuesInTheReason() {
            ExtractedValue value = coerce(interest, "\"x\"");

            assertThat(value.isNull()).isTrue();
            assertThat(value.reason()).isEqualTo("'x' is not one of high, medium, low, none");
        }
    }

    @Nested
    class Dates {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "2026-11-23|2026-11-23",
                "2026-11-23T17:00:00+05:30|2026-11-23T17:00:00+05:30",
                "2026-11-23T11:30:00Z|2026-11-23T17:00:00+05:30",
                "2026-11-23 17:00|2026-11-23T17:00:00+05:30",
                "2026-11-23T17:00|2026-11-23T17:00:00+05:30",
                "tomorrow at 5 pm|2026-11-23T17:00:00+05:30",
                "tomorrow|2026-11-23",
                "December 3rd|2026-12-03"})
        void datesBecomeIsoInTheReferenceZone(String raw, String expected) {
            ExtractedValue value = ValueCoercion.coerce(new ExtractionField("d", FieldType.DATE, null), text(raw),
                    CALL_END, ExtractedValue.LLM);

            assertThat(value.value().asText()).isEqualTo(expected);
            assertThat(value.type()).isEqualTo("date");
        }

        @Test
        void somethingThatIsNotADateIsNullWithAReason() {
            assertThat(coerce(FieldType.DATE, "\"whenever\"").reason()).isEqualTo("'whenever' is not a date");
            assertThat(coerce(FieldType.DATE, "1764000000").reason()).isEqualTo("expected a date, got 1764000000");
        }

        @Test
        void withoutAReferenceOnlyAbsoluteDatesAreAccepted() {
            ExtractionField field = new ExtractionField("d", FieldType.DATE, null);

            assertThat(ValueCoercion.coerce(field, text("2026-11-23"), null, ExtractedValue.PLATFORM).value().asText())
                    .isEqualTo("2026-11-23");
            assertThat(ValueCoercion.coerce(field, text("tomorrow"), null, ExtractedValue.PLATFORM).reason())
                    .isEqualTo("'tomorrow' is not an ISO 8601 date");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"17:00|17:00", "17:00:00|17:00", "5 pm|17:00", "5:30pm|17:30",
                "2026-11-23T17:45:00+05:30|17:45", "11:30:00Z|17:00", "half past four in the afternoon|16:30"})
        void timesBecomeTwentyFourHourClockTimesInTheReferenceZone(String raw, String expected) {
            ExtractedValue value = ValueCoercion.coerce(new ExtractionField("t", FieldType.TIME, null), text(raw),
                    CALL_END, ExtractedValue.LLM);

            assertThat(value.value().asText()).isEqualTo(expected);
        }

        @Test
        void somethingThatIsNotATimeIsNullWithAReason() {
            assertThat(coerce(FieldType.TIME, "\"soon\"").reason()).isEqualTo("'soon' is not a time of day");
        }
    }

    @Nested
    class Emails {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"Asha.Rao@Example.com|asha.rao@example.com",
                "asha dot rao at example dot com|asha.rao@example.com", "mailto:a@b.co|a@b.co",
                "asha at the rate example dot co dot in|asha@example.co.in"})
        void emailsAreValidatedAndWrittenOut(String raw, String expected) {
            assertThat(ValueCoercion.coerce(new ExtractionField("e", FieldType.EMAIL, null), text(raw), CALL_END,
                    ExtractedValue.LLM).value().asText()).isEqualTo(expected);
        }

        @Test
        void somethingThatIsNotAnEmailIsNullWithAReason() {
            assertThat(coerce(FieldType.EMAIL, "\"asha\"").reason()).isEqualTo("'asha' is not an email address");
        }
    }

    @Test
    void stringsAreTrimmedTextAndScalarsBecomeText() {
        assertThat(coerce(FieldType.STRING, "\" Asha Rao \"").value().asText()).isEqualTo("Asha Rao");
        assertThat(coerce(FieldType.STRING, "9876543210").value().isTextual()).isTrue();
        assertThat(coerce(FieldType.STRING, "9876543210").value().asText()).isEqualTo("9876543210");
    }

    @Test
    void objectsAndListsDoNotFitAScalarField() {
        assertThat(coerce(FieldType.STRING, "{\"a\": 1}").reason()).isEqualTo("expected text, got an object");
        assertThat(coerce(FieldType.INTEGER, "[1]").reason()).isEqualTo("expected an integer, got a list");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "\"\"", "\"  \"", "\"null\""})
    void nothingIsNullBecauseTheCallDidNotSay(String raw) {
        ExtractedValue value = coerce(FieldType.STRING, raw);

        assertThat(value.isNull()).isTrue();
        assertThat(value.reason()).isEqualTo("not stated in the call");
    }

    @Test
    void theSourceIsTheCallers() {
        ExtractedValue value = ValueCoercion.coerce(new ExtractionField("n", FieldType.INTEGER, null), text("7"),
                CALL_END, ExtractedValue.PLATFORM);

        assertThat(value.source()).isEqualTo("platform");
    }
}
