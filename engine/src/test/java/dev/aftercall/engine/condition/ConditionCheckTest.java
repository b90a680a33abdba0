package dev.aftercall.engine.condition;

import static dev.aftercall.engine.condition.ConditionFixtures.condition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Save-time validation: every problem is a sentence the flow author can act on. */
class ConditionCheckTest {
    private static final String EXPECTED_OPERATORS = "(expected one of ==, !=, >, >=, <, <=, contains, not_contains, "
            + "starts_with, ends_with, matches, in, exists, not_exists, is_empty, is_not_empty)";

    @Test
    void wellFormedConditionsHaveNoProblems() {
        assertThat(ConditionEvaluator.check(condition("\"{{interaction.DURATION}}\"", ">=", "30"))).isEmpty();
        assertThat(ConditionEvaluator.check(condition("\"{{interaction.CALL_ID}}\"", "exists", null))).isEmpty();
        assertThat(ConditionEvaluator.check(condition("\"{{x}}\"", "matches", "\"^\\\\d+$\""))).isEmpty();
        assertThat(ConditionEvaluator.check(condition("\"{{x}}\"", "==", "null"))).isEmpty();
    }

    @Test
    void unknownOperatorListsTheOperatorsThatExist() {
        assertThat(ConditionEvaluator.check(condition("1", "foo", "1")))
                .containsExactly("unknown operator 'foo' " + EXPECTED_OPERATORS);
    }

    @Test
    void missingOperatorIsReported() {
        assertThat(ConditionEvaluator.check(condition("1", null, "1")))
                .containsExactly("operator is required " + EXPECTED_OPERATORS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"==", "eq", "contains", "in", "matches", ">"})
    void binaryOperatorsRequireARightOperand(String operator) {
        assertThat(ConditionEvaluator.check(condition("\"{{x}}\"", operator, null)))
                .containsExactly("right is required for operator '" + operator + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exists", "not_exists", "is_empty", "is_not_empty"})
    void unaryOperatorsNeedNoRightOperand(String operator) {
        assertThat(ConditionEvaluator.check(condition("\"{{x}}\"", operator, null))).isEmpty();
    }

    @Test
    void leftOperandIsRequired() {
        assertThat(ConditionEvaluator.check(condition(null, "exists", null))).containsExactly("left is required");
    }

    @Test
    void templateErrorsNameTheOperand() {
        assertThat(ConditionEvaluator.check(condition("\"status {{x\"", "==", "\"{{}}\""))).containsExactly(
                "left: unclosed '{{' at column 8",
                "right: empty placeholder '{{}}' at column 1");
    }

    @Test
    void literalRegularExpressionIsCompiledAtSaveTime() {
        assertThat(ConditionEvaluator.check(condition("\"{{x}}\"", "matches", "\"(unclosed\"")))
                .singleElement().asString()
                .startsWith("right: invalid regular expression: Unclosed group");
    }

    @Test
    void templatedRegularExpressionCanOnlyBeCheckedAtRunTime() {
        assertThat(ConditionEvaluator.check(condition("\"{{x}}\"", "matches", "\"({{pattern}}\""))).isEmpty();
    }

    @Test
    void groupReportsItsMatchAndEachConditionByIndex() {
        ConditionGroup group = new ConditionGroup("most", List.of(
                condition("\"{{ok}}\"", "exists", null),
                condition("\"{{x\"", "nope", "1"),
                condition("\"{{y}}\"", "in", null)));

        assertThat(ConditionEvaluator.check(group)).containsExactly(
                "match must be 'all' or 'any'",
                "conditions[1].unknown operator 'nope' " + EXPECTED_OPERATORS,
                "conditions[1].left: unclosed '{{' at column 1",
                "conditions[2].right is required for operator 'in'");
    }

    @Test
    void validGroupHasNoProblems() {
        ConditionGroup group = new ConditionGroup("any", List.of(condition("\"{{a}}\"", "==", "1")));

        assertThat(ConditionEvaluator.check(group)).isEmpty();
        assertThat(ConditionEvaluator.check(new ConditionGroup(null, null))).isEmpty();
    }
}
