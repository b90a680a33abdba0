package dev.aftercall.engine.extract;

import static dev.aftercall.engine.extract.ExtractFixtures.CALL_END;
import static dev.aftercall.engine.extract.ExtractFixtures.KOLKATA;
import static dev.aftercall.engine.extract.ExtractFixtures.NEW_YORK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Relative dates resolve against the call's end in the outlet's zone (CALL_END is Sunday 2026-11-22 10:00 IST). */
class RelativeDatesTest {
    private static String resolve(String said, ZonedDateTime reference) {
        ExtractedValue value = ValueCoercion.coerce(new ExtractionField("when", FieldType.DATE, null),
                JsonNodeFactory.instance.textNode(said), reference, ExtractedValue.EMBEDDED);
        return value.isNull() ? null : value.value().asText();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tomorrow at 5 pm|2026-11-23T17:00:00+05:30",
            "tomorrow at five|2026-11-23T17:00:00+05:30",
            "tomorrow at half past four|2026-11-23T16:30:00+05:30",
            "tomorrow at 9:15 am|2026-11-23T09:15:00+05:30",
            "the day after tomorrow|2026-11-24",
            "in two hours|2026-11-22T12:00:00+05:30",
            "in 3 days|2026-11-25",
            "on the 3rd|2026-12-03",
            "on the 3rd at 3pm|2026-12-03T15:00:00+05:30",
            "on the twenty fifth|2026-11-25",
            "Monday|2026-11-23",
            "this Friday at 11 am|2026-11-27T11:00:00+05:30",
            "at 9|2026-11-23T09:00:00+05:30",
            "December 31st|2026-12-31"})
    void commonPhrasesResolveAgainstTheCallsEnd(String said, String expected) {
        assertThat(resolve(said, CALL_END)).isEqualTo(expected);
    }

    @Test
    void nextMondayIsTheMondayOfNextWeek() {
        ZonedDateTime wednesday = ZonedDateTime.of(2026, 11, 25, 10, 0, 0, 0, KOLKATA);

        assertThat(resolve("next Monday", wednesday)).isEqualTo("2026-11-30");
        assertThat(resolve("next Monday at 10 am", wednesday)).isEqualTo("2026-11-30T10:00:00+05:30");
    }

    @Test
    void tomorrowCrossesTheEndOfTheMonth() {
        ZonedDateTime lastOfNovember = ZonedDateTime.of(2026, 11, 30, 20, 0, 0, 0, KOLKATA);

        assertThat(resolve("tomorrow at 5 pm", lastOfNovember)).isEqualTo("2026-12-01T17:00:00+05:30");
    }

    @Test
    void relativeDatesCrossTheEndOfTheYear() {
        ZonedDateTime newYearsEve = ZonedDateTime.of(2026, 12, 31, 22, 0, 0, 0, NEW_YORK);

        assertThat(resolve("tomorrow at 5 pm", newYearsEve)).isEqualTo("2027-01-01T17:00:00-05:00");
        assertThat(resolve("next Monday", newYearsEve)).isEqualTo("2027-01-04");
        assertThat(resolve("in two hours", newYearsEve)).isEqualTo("2027-01-01T00:00:00-05:00");
        assertThat(resolve("on the 3rd", ZonedDateTime.of(2026, 12, 22, 9, 0, 0, 0, KOLKATA))).isEqualTo("2027-01-03");
    }

    @Test
    void aDayTheNextMonthLacksSkipsToAMonthThatHasIt() {
        ZonedDateTime february = ZonedDateTime.of(2027, 2, 5, 9, 0, 0, 0, KOLKATA);

        assertThat(resolve("on the 30th", february)).isEqualTo("2027-03-30");
    }

    @Test
    void theSameMomentIsADifferentDayInAnotherZone() {
        Instant end = Instant.parse("2026-11-22T20:00:00Z");

        assertThat(resolve("tomorrow", end.atZone(KOLKATA))).isEqualTo("2026-11-24");
        assertThat(resolve("tomorrow", end.atZone(NEW_YORK))).isEqualTo("2026-11-23");
    }

    @Test
    void theOffsetIsTheOneInForceOnTheResolvedDay() {
        ZonedDateTime beforeDaylightSavingEnds = ZonedDateTime.of(2026, 10, 31, 12, 0, 0, 0, NEW_YORK);

        assertThat(beforeDaylightSavingEnds.getOffset().getId()).isEqualTo("-04:00");
        assertThat(resolve("tomorrow at 5 pm", beforeDaylightSavingEnds)).isEqualTo("2026-11-01T17:00:00-05:00");
    }

    @Test
    void inTwoHoursLateAtNightIsTomorrow() {
        assertThat(resolve("in two hours", ZonedDateTime.of(2026, 11, 22, 23, 0, 0, 0, KOLKATA)))
                .isEqualTo("2026-11-23T01:00:00+05:30");
    }

    @ParameterizedTest
    @ValueSource(strings = {"I want 3 tickets", "I may be interested", "my number is 9876543210", "one second please",
            "the 3rd floor", "yes please"})
    void wordsThatOnlyLookLikeDatesAreNotDates(String said) {
        assertThat(NaturalDates.find(said, CALL_END)).isEmpty();
    }
}
