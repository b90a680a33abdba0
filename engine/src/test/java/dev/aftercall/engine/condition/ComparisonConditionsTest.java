package dev.aftercall.engine.condition;

import static dev.aftercall.engine.condition.ConditionFixtures.CALL;
import static dev.aftercall.engine.condition.ConditionFixtures.condition;
import static dev.aftercall.engine.condition.ConditionFixtures.holds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftercall.engine.template.Render;
import dev.aftercall.engine.template.TemplateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code == != > >= < <=} with typed comparison, as DESIGN.md "Conditions" describes. */
class ComparisonConditionsTest {

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', value = {
        "\"true\"                        | true",
        "\"TRUE\"                        | true",
        "\"42\"                          | 42",
        "\"42.0\"                        | 42",
        "42                              | 42.00",
        "\"{{interaction.DURATION}}\"    | \"42\"",
        "\"{{interaction.DURATION_TEXT}}\" | 42",
        "\"{{interaction.SCORE}}\"       | \"{{interaction.DURATION}}\"",
        "\"{{interaction.CONNECTED}}\"   | \"true\"",
        "\"{{interaction.CONNECTED_TEXT}}\" | true",
        "\"{{interaction.DISPOSITION}}\" | \"Escalated\"",
        "\"Call {{interaction.CALL_ID}}\" | \"Call c-1\"",
        "\"{{interaction.HANGUP_REASON}}\" | null",
        "\"{{interaction.NOT_THERE}}\"   | null",
        "\"{{interaction.AGENT}}\"       | {\"team\": \"billing\", \"id\": 3.0}",
        "\"{{interaction.TAGS}}\"        | [\"vip\", \"refund\", 7]",
    })
    void typedEqualityTreatsEquivalentValuesAsEqual(String left, String right) {
        assertThat(holds(left, "==", right)).isTrue();
        assertThat(holds(left, "!=", right)).isFalse();
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', value = {
        "\"{{interaction.DISPOSITION}}\" | \"escalated\"",
        "\"42\"                          | 43",
        "\"42abc\"                       | 42",
        "\"true\"                        | false",
        "\"yes\"                         | true",
        "\"{{interaction.NOT_THERE}}\"   | \"\"",
        "\"{{interaction.NOT_THERE}}\"   | 0",
        "\"{{interaction.HANGUP_REASON}}\" | \"null\"",
        "\"{{interaction.AGENT}}\"       | {\"id\": 3}",
        "\"{{interaction.TAGS}}\"        | [\"refund\", \"vip\", 7]",
        "1                               | true",
    })
    void typedEqualityKeepsDifferentValuesApart(String left, String right) {
        assertThat(holds(left, "==", right)).isFalse();
        assertThat(holds(left, "!=", right)).isTrue();
    }

    @Test
    void aliasesWorkAtRunTime() {
        assertThat(holds("\"{{interaction.DURATION}}\"", "equals", "42")).isTrue();
        assertThat(holds("\"{{interaction.DURATION}}\"", "gt", "40")).isTrue();
    }

    @ParameterizedTest(name = "{0} {1} {2} is {3}")
    @CsvSource(delimiter = '|', value = {
        "\"{{interaction.DURATION}}\" | >  | 0      | true",
        "\"{{interaction.DURATION}}\" | >  | 42     | false",
        "\"{{interaction.DURATION}}\" | >= | \"42\" | true",
        "\"{{interaction.DURATION}}\" | <  | 100    | true",
        "\"{{interaction.DURATION}}\" | <= | 41.99  | false",
        "\"9\"                        | <  | \"10\" | true",
        "\"-1.5\"                     | <  | -1     | true",
        "1e3                          | >  | 999    | true",
    })
    void orderingIsNumericWhenBothSidesAreNumbers(String left, String operator, String right, boolean expected) {
        assertThat(holds(left, operator, right)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} {2} is {3}")
    @CsvSource(delimiter = '|', value = {
        "\"{{interaction.ENDED_AT}}\"      | >  | \"2026-03-01T09:00:00Z\"        | true",
        "\"{{interaction.ENDED_AT}}\"      | <  | \"2026-03-01T12:00:00+02:00\"   | false",
        "\"{{interaction.ENDED_AT}}\"      | >= | \"2026-03-01T10:15:00.000Z\"   | true",
        "\"{{call_metadata.created}}\"     | <  | \"{{interaction.ENDED_AT}}\"   | true",
        "\"2026-12-01\"                    | >  | \"2026-02-01\"                 | true",
        "\"2026-03-01T10:15:00\"           | <= | \"2026-03-01\"                 | false",
    })
    void orderingIsChronologicalForIsoDatesAndDateTimes(String left, String operator, String right,
                                                        boolean expected) {
        assertThat(holds(left, operator, right)).isEqualTo(expected);
    }

    @Test
    void dateTimeOffsetsAreRespectedRatherThanComparedAsText() {
        // As text "09:30+00:00" < "10:00+02:00"; in time it is later.
        assertThat(holds("\"2026-03-01T09:30:00+00:00\"", ">", "\"2026-03-01T10:00:00+02:00\"")).isTrue();
    }

    @Test
    void orderingFallsBackToTextForOtherValues() {
        assertThat(holds("\"banana\"", ">", "\"apple\"")).isTrue();
        assertThat(holds("\"Banana\"", ">", "\"apple\"")).isFalse();
        assertThat(holds("\"{{call_metadata.source}}\"", "<=", "\"web\"")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({">", ">=", "<", "<="})
    void orderingAgainstNullOrAbsentIsAlwaysFalse(String operator) {
        assertThat(holds("\"{{interaction.NOT_THERE}}\"", operator, "0")).isFalse();
        assertThat(holds("\"{{interaction.HANGUP_REASON}}\"", operator, "0")).isFalse();
        assertThat(holds("5", operator, "null")).isFalse();
        assertThat(holds("null", operator, "null")).isFalse();
    }

    @Test
    void missingVariableInAComparisonIsRecordedAsAWarning() {
        Render render = Render.lenient();

        boolean result = ConditionEvaluator.test(condition("\"{{ticket_id}}\"", "!=", "5"), CALL, render);

        assertThat(result).isTrue();
        assertThat(render.warnings()).containsExactly("variable 'ticket_id' is not defined");
    }

    @Test
    void missingVariableInAStrictComparisonThrowsWhenTheCallerAsks() {
        Render render = Render.strict();

        ConditionEvaluator.test(condition("\"{{interaction.DURATION}}\"", ">", "\"{{min_duration}}\""), CALL, render);

        assertThat(render.missingVariables()).containsExactly("min_duration");
        assertThatThrownBy(render::throwIfStrictAndMissing).hasMessage("variable 'min_duration' is not defined");
    }

    @Test
    void missingVariableInsideLongerTextRendersEmptyAndIsRecorded() {
        Render render = Render.lenient();

        boolean result = ConditionEvaluator.test(condition("\"id-{{nope}}\"", "==", "\"id-\""), CALL, render);

        assertThat(result).isTrue();
        assertThat(render.missingVariables()).containsExactly("nope");
    }

    @Test
    void unknownOperatorAtRunTimeIsAnError() {
        assertThatThrownBy(() -> holds("1", "foo", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown operator 'foo' (expected one of ==, !=, >");
    }

    @Test
    void brokenTemplateAtRunTimeIsAnError() {
        assertThatThrownBy(() -> holds("\"{{oops\"", "==", "1")).isInstanceOf(TemplateException.class);
    }
}
