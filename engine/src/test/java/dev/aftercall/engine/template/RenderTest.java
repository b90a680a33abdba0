package dev.aftercall.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RenderTest {

    @Test
    void lenientAndStrictSayWhichTheyAre() {
        assertThat(Render.lenient().isStrict()).isFalse();
        assertThat(Render.strict().isStrict()).isTrue();
    }

    @Test
    void missingNamesAreRecordedOnceInOrder() {
        Render render = Render.lenient();

        render.missing("b");
        render.missing("a");
        render.missing("b");

        assertThat(render.missingVariables()).containsExactly("b", "a");
    }

    @Test
    void warningsListMissingVariablesAndOtherMessagesInTheOrderTheyHappened() {
        Render render = Render.lenient();

        render.missing("ticket_id");
        render.warn("regular expression timed out");
        render.missing("ticket_id");

        assertThat(render.warnings())
                .containsExactly("variable 'ticket_id' is not defined", "regular expression timed out");
    }

    @Test
    void strictRenderWithMissingVariablesThrowsNamingAllOfThem() {
        Render render = Render.strict();
        render.missing("x");
        render.missing("y");

        assertThatThrownBy(render::throwIfStrictAndMissing)
                .isInstanceOfSatisfying(MissingVariableException.class,
                        e -> assertThat(e.names()).containsExactly("x", "y"))
                .hasMessage("variable 'x' is not defined; variable 'y' is not defined");
    }

    @Test
    void strictRenderWithOnlyWarningsDoesNotThrow() {
        Render render = Render.strict();
        render.warn("something odd");

        render.throwIfStrictAndMissing();

        assertThat(render.missingVariables()).isEmpty();
    }

    @Test
    void lenientRenderNeverThrowsForMissingVariables() {
        Render render = Render.lenient();
        render.missing("x");

        render.throwIfStrictAndMissing();

        assertThat(render.missingVariables()).containsExactly("x");
    }

    @Test
    void returnedListsAreSnapshotsThatCannotBeModified() {
        Render render = Render.lenient();
        render.missing("x");

        var warnings = render.warnings();
        render.warn("later");

        assertThat(warnings).containsExactly("variable 'x' is not defined");
        assertThatThrownBy(() -> warnings.add("y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> render.missingVariables().add("y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
