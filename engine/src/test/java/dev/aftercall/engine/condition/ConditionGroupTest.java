package dev.aftercall.engine.condition;

import static dev.aftercall.engine.condition.ConditionFixtures.CALL;
import static dev.aftercall.engine.condition.ConditionFixtures.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftercall.engine.template.Render;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionGroupTest {
    private static final Condition ESCALATED = condition("\"{{interaction.DISPOSITION}}\"", "==", "\"Escalated\"");
    private static final Condition LONG_CALL = condition("\"{{interaction.DURATION}}\"", ">", "30");
    private static final Condition RESOLVED = condition("\"{{interaction.DISPOSITION}}\"", "==", "\"Resolved\"");
    private static final Condition SHORT_CALL = condition("\"{{interaction.DURATION}}\"", "<", "10");

    @Test
    void allHoldsWhenEveryConditionHolds() {
        assertThat(test(new ConditionGroup("all", List.of(ESCALATED, LONG_CALL)))).isTrue();
        assertThat(test(new ConditionGroup("all", List.of(ESCALATED, SHORT_CALL)))).isFalse();
    }

    @Test
    void anyHoldsWhenAtLeastOneConditionHolds() {
        assertThat(test(new ConditionGroup("any", List.of(RESOLVED, LONG_CALL)))).isTrue();
        assertThat(test(new ConditionGroup("any", List.of(RESOLVED, SHORT_CALL)))).isFalse();
    }

    @Test
    void missingMatchMeansAll() {
        assertThat(test(new ConditionGroup(null, List.of(ESCALATED, SHORT_CALL)))).isFalse();
        assertThat(test(new ConditionGroup("", List.of(ESCALATED, LONG_CALL)))).isTrue();
    }

    @Test
    void emptyGroupHoldsWhicheverTheMatch() {
        assertThat(test(new ConditionGroup("all", List.of()))).isTrue();
        assertThat(test(new ConditionGroup("any", null))).isTrue();
    }

    @Test
    void matchIsReadRegardlessOfCase() {
        assertThat(test(new ConditionGroup("ANY", List.of(RESOLVED, LONG_CALL)))).isTrue();
    }

    @Test
    void anyStopsAtTheFirstConditionThatHolds() {
        Render render = Render.lenient();
        Condition missing = condition("\"{{ticket_id}}\"", "==", "1");

        ConditionEvaluator.test(new ConditionGroup("any", List.of(ESCALATED, missing)), CALL, render);

        assertThat(render.warnings()).isEmpty();
    }

    @Test
    void missingVariablesAcrossAGroupAreAllRecorded() {
        Render render = Render.lenient();
        Condition ticket = condition("\"{{ticket_id}}\"", "!=", "1");
        Condition lead = condition("\"{{lead.id}}\"", "!=", "1");

        assertThat(ConditionEvaluator.test(new ConditionGroup("all", List.of(ticket, lead)), CALL, render)).isTrue();
        assertThat(render.missingVariables()).containsExactly("ticket_id", "lead.id");
    }

    @Test
    void unknownMatchAtRunTimeIsAnError() {
        assertThatThrownBy(() -> test(new ConditionGroup("most", List.of(ESCALATED))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("match must be 'all' or 'any'");
    }

    private static boolean test(ConditionGroup group) {
        return ConditionEvaluator.test(group, CALL, Render.lenient());
    }
}
