package dev.aftercall.engine.condition;

import static dev.aftercall.engine.condition.ConditionFixtures.holds;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code contains not_contains starts_with ends_with in}. */
class TextAndListConditionsTest {

    @ParameterizedTest(name = "{0} contains {1} is {2}")
    @CsvSource(delimiter = '|', value = {
        "\"{{interaction.SUMMARY}}\"     | \"refund\"                  | true",
        "\"{{interaction.SUMMARY}}\"     | \"Refund\"                  | false",
        "\"{{interaction.SUMMARY}}\"     | 991                         | true",
        "\"{{interaction.SUMMARY}}\"     | \"{{call_metadata.lead_id}}\" | false",
        "\"{{interaction.TAGS}}\"        | \"vip\"                     | true",
        "\"{{interaction.TAGS}}\"        | \"7\"                       | true",
        "\"{{interaction.TAGS}}\"        | \"vi\"                      | false",
        "\"{{interaction.NO_TAGS}}\"     | \"vip\"                     | false",
        "\"{{interaction.AGENT}}\"       | \"team\"                    | true",
        "\"{{interaction.AGENT}}\"       | \"billing\"                 | false",
        "\"{{interaction.DURATION}}\"    | \"4\"                       | true",
    })
    void containsLooksForTextInTextAndForAnElementInArrays(String left, String right, boolean expected) {
        assertThat(holds(left, "contains", right)).isEqualTo(expected);
        assertThat(holds(left, "not_contains", right)).isEqualTo(!expected);
    }

    @Test
    void absentLeftContainsNothing() {
        assertThat(holds("\"{{interaction.NOT_THERE}}\"", "contains", "\"x\"")).isFalse();
        assertThat(holds("\"{{interaction.NOT_THERE}}\"", "not_contains", "\"x\"")).isTrue();
        assertThat(holds("\"{{interaction.HANGUP_REASON}}\"", "contains", "\"x\"")).isFalse();
    }

    @Test
    void absentRightIsNeverContained() {
        assertThat(holds("\"{{interaction.SUMMARY}}\"", "contains", "\"{{interaction.NOT_THERE}}\"")).isFalse();
    }

    @Test
    void literalArraysOnTheLeftWorkToo() {
        assertThat(holds("[1, 2, 3]", "contains", "\"2\"")).isTrue();
        assertThat(holds("[true, null]", "contains", "null")).isTrue();
    }

    @ParameterizedTest(name = "{0} {1} {2} is {3}")
    @CsvSource(delimiter = '|', value = {
        "\"{{interaction.SUMMARY}}\"     | starts_with | \"Customer\"    | true",
        "\"{{interaction.SUMMARY}}\"     | starts_with | \"customer\"    | false",
        "\"{{interaction.SUMMARY}}\"     | ends_with   | \"order 991\"   | true",
        "\"{{interaction.SUMMARY}}\"     | ends_with   | 991             | true",
        "\"{{interaction.SUMMARY}}\"     | ends_with   | \"refund\"      | false",
        "\"{{interaction.CALL_ID}}\"     | starts_with | \"c-\"          | true",
        "\"{{interaction.DURATION}}\"    | starts_with | 4               | true",
        "\"{{interaction.NOT_THERE}}\"   | starts_with | \"\"            | false",
        "\"{{interaction.NOT_THERE}}\"   | ends_with   | \"\"            | false",
        "\"{{interaction.SUMMARY}}\"     | starts_with | null            | false",
    })
    void startsWithAndEndsWithCompareTextCaseSensitively(String left, String operator, String right,
                                                          boolean expected) {
        assertThat(holds(left, operator, right)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} in {1} is {2}")
    @CsvSource(delimiter = '|', value = {
        "\"{{interaction.DISPOSITION}}\" | [\"Resolved\", \"Escalated\"]   | true",
        "\"{{interaction.DISPOSITION}}\" | [\"Resolved\", \"escalated\"]   | false",
        "\"{{interaction.DISPOSITION}}\" | \"Resolved, Escalated ,Other\"  | true",
        "\"{{interaction.DISPOSITION}}\" | \"Resolved,Other\"              | false",
        "\"{{interaction.DURATION}}\"    | [\"41\", \"42\"]               | true",
        "\"{{interaction.DURATION}}\"    | \"40, 42.0\"                   | true",
        "\"{{call_metadata.lead_id}}\"   | 7                              | true",
        "\"{{interaction.CONNECTED}}\"   | \"true,false\"                 | true",
        "\"{{interaction.NOT_THERE}}\"   | [\"a\"]                        | false",
        "\"{{interaction.NOT_THERE}}\"   | [null]                         | false",
        "\"web\"                         | \"{{call_metadata.source}}\"   | true",
        "\"web\"                         | \"{{interaction.NOT_THERE}}\"  | false",
    })
    void inFindsTheLeftValueAmongAnArrayOrCommaSeparatedText(String left, String right, boolean expected) {
        assertThat(holds(left, "in", right)).isEqualTo(expected);
    }
}
