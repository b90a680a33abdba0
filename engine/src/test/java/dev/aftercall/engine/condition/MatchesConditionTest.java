package dev.aftercall.engine.condition;

import static dev.aftercall.engine.condition.ConditionFixtures.CALL;
import static dev.aftercall.engine.condition.ConditionFixtures.condition;
import static dev.aftercall.engine.condition.ConditionFixtures.holds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.aftercall.engine.template.Render;
import dev.aftercall.engine.template.VariableLookup;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code matches}: Java regular expressions, searched anywhere in the left text, with a time limit. */
class MatchesConditionTest {

    @BeforeAll
    static void loadClassesSoTimingsMeasureOnlyTheMatch() {
        holds("\"a\"", "matches", "\"a\"");
    }

    @ParameterizedTest(name = "{0} matches {1} is {2}")
    @CsvSource(delimiter = '|', value = {
        "\"{{interaction.SUMMARY}}\"   | \"refund\"                 | true",
        "\"{{interaction.SUMMARY}}\"   | \"order \\\\d{3}$\"         | true",
        "\"{{interaction.SUMMARY}}\"   | \"^refund\"                | false",
        "\"{{interaction.SUMMARY}}\"   | \"(?i)CUSTOMER\"           | true",
        "\"{{interaction.CALL_ID}}\"   | \"^c-\\\\d+$\"              | true",
        "\"{{interaction.DURATION}}\"  | \"^4\\\\d$\"                | true",
        "\"{{interaction.NOT_THERE}}\" | \".*\"                     | false",
        "\"{{interaction.SUMMARY}}\"   | \"{{interaction.NOT_THERE}}\" | false",
        "\"{{call_metadata.source}} form\" | \"^{{call_metadata.source}}\\\\b\"  | true",
    })
    void matchesFindsThePatternInTheLeftText(String left, String right, boolean expected) {
        assertThat(holds(left, "matches", right)).isEqualTo(expected);
    }

    @Test
    void catastrophicBacktrackingIsCutOffAndReportedAsAWarning() {
        // Nested quantifiers against a near-match: without a time limit this runs for minutes.
        Render render = Render.lenient();
        Condition nested = condition("\"{{long_a}}\"", "matches", "\"(.*a){12}b\"");
        boolean result = ConditionEvaluator.test(nested, CALL, render);

        // The warning proves the time bound cut the match off (speed itself is measured in bench/, not here).
        assertThat(result).isFalse();
        assertThat(render.warnings()).singleElement().asString()
                .startsWith("regular expression timed out after 100 ms");
    }

    @Test
    void classicNestedQuantifierPatternDoesNotMatchANearMiss() {
        Condition nested = condition("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\"", "matches", "\"(a+)+$\"");

        boolean result = ConditionEvaluator.test(nested, CALL, Render.lenient());

        assertThat(result).isFalse();
    }

    @Test
    void invalidRegularExpressionAtRunTimeIsFalseWithAWarning() {
        Render render = Render.lenient();

        VariableLookup vars = name -> name.equals("pattern") ? Optional.of(TextNode.valueOf("(ab")) : Optional.empty();

        boolean result = ConditionEvaluator.test(condition("\"abc\"", "matches", "\"{{pattern}}\""), vars, render);

        assertThat(result).isFalse();
        assertThat(render.warnings()).singleElement().asString()
                .startsWith("invalid regular expression '(ab': Unclosed group");
    }

    @Test
    void aPatternThatMatchesQuicklyIsUnaffectedByTheTimeLimit() {
        Render render = Render.lenient();
        String bigText = "\"" + "x".repeat(200_000) + "needle\"";

        assertThat(ConditionEvaluator.test(condition(bigText, "matches", "\"needle$\""), CALL, render)).isTrue();
        assertThat(render.warnings()).isEmpty();
    }
}
