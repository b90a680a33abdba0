package dev.aftercall.engine.condition;

import static dev.aftercall.engine.condition.ConditionFixtures.CALL;
import static dev.aftercall.engine.condition.ConditionFixtures.condition;
import static dev.aftercall.engine.condition.ConditionFixtures.holds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aftercall.engine.template.Render;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code exists not_exists is_empty is_not_empty}: questions about absence, so absence is not a warning. */
class PresenceConditionsTest {

    @ParameterizedTest(name = "{0}: exists={1}, is_empty={2}")
    @CsvSource(delimiter = '|', value = {
        "\"{{interaction.CALL_ID}}\"        | true  | false",
        "\"{{interaction.DURATION}}\"       | true  | false",
        "\"{{interaction.CONNECTED}}\"      | true  | false",
        "\"{{interaction.TAGS}}\"           | true  | false",
        "\"{{interaction.AGENT}}\"          | true  | false",
        "\"{{interaction.TRANSCRIPT}}\"     | true  | true",
        "\"{{interaction.NO_TAGS}}\"        | true  | true",
        "\"{{interaction.EXTRA}}\"          | true  | true",
        "\"{{interaction.HANGUP_REASON}}\"  | false | true",
        "\"{{interaction.NOT_THERE}}\"      | false | true",
        "\"{{nope.deeper[0]}}\"             | false | true",
        "\"\"                               | true  | true",
        "\"id: {{interaction.NOT_THERE}}\"  | true  | false",
        "\" {{interaction.NOT_THERE}} \"    | true  | true",
        "0                                  | true  | false",
        "false                              | true  | false",
        "null                               | false | true",
    })
    void presenceAndEmptinessFollowTheJsonValue(String left, boolean exists, boolean empty) {
        assertThat(holds(left, "exists", null)).isEqualTo(exists);
        assertThat(holds(left, "not_exists", null)).isEqualTo(!exists);
        assertThat(holds(left, "is_empty", null)).isEqualTo(empty);
        assertThat(holds(left, "is_not_empty", null)).isEqualTo(!empty);
    }

    @ParameterizedTest
    @ValueSource(strings = {"exists", "not_exists", "is_empty", "is_not_empty"})
    void askingAboutAMissingVariableIsNotAWarning(String operator) {
        Render render = Render.strict();

        ConditionEvaluator.test(condition("\"{{ticket_id}} {{lead_id}}\"", operator, null), CALL, render);
        ConditionEvaluator.test(condition("\"{{ticket_id}}\"", operator, null), CALL, render);

        assertThat(render.warnings()).isEmpty();
        render.throwIfStrictAndMissing();
    }

    @ParameterizedTest
    @ValueSource(strings = {"exists", "is_empty"})
    void unaryOperatorsIgnoreAnyRightOperand(String operator) {
        assertThat(holds("\"{{interaction.CALL_ID}}\"", operator, "\"{{whatever}}\""))
                .isEqualTo(holds("\"{{interaction.CALL_ID}}\"", operator, null));
    }
}
