package dev.aftercall.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aftercall.engine.condition.Condition;
import dev.aftercall.engine.condition.ConditionEvaluator;
import dev.aftercall.engine.template.Render;
import java.math.BigDecimal;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The comparison operators agree with arithmetic and with each other, for numbers given as numbers or as text. */
class ConditionProperties {
    private static boolean test(JsonNode left, String operator, JsonNode right) {
        return ConditionEvaluator.test(new Condition(left, operator, right), name -> Optional.empty(), Render.lenient());
    }

    @Property(tries = 1000)
    void orderingOperatorsMatchArithmetic(@ForAll("numbers") BigDecimal a, @ForAll("numbers") BigDecimal b) {
        JsonNode left = DecimalNode.valueOf(a);
        JsonNode right = DecimalNode.valueOf(b);
        int order = a.compareTo(b);

        assertThat(test(left, ">", right)).isEqualTo(order > 0);
        assertThat(test(left, ">=", right)).isEqualTo(order >= 0);
        assertThat(test(left, "<", right)).isEqualTo(order < 0);
        assertThat(test(left, "<=", right)).isEqualTo(order <= 0);
        assertThat(test(left, "==", right)).isEqualTo(order == 0);
        assertThat(test(left, "!=", right)).isEqualTo(order != 0);
    }

    @Property(tries = 1000)
    void aNumberSentAsTextComparesLikeTheNumber(@ForAll int a, @ForAll int b) {
        // Voice platforms send "42" as often as 42: typed comparison must not fall back to text order.
        assertThat(test(TextNode.valueOf(Integer.toString(a)), "<", IntNode.valueOf(b))).isEqualTo(a < b);
        assertThat(test(IntNode.valueOf(a), "==", TextNode.valueOf(Integer.toString(b)))).isEqualTo(a == b);
    }

    @Property(tries = 1000)
    void equalsAndNotEqualsAreOpposites(@ForAll("values") JsonNode a, @ForAll("values") JsonNode b) {
        assertThat(test(a, "==", b)).isNotEqualTo(test(a, "!=", b));
    }

    @Property(tries = 500)
    void everyTextContainsItsOwnPieces(@ForAll String text, @ForAll("cuts") int from, @ForAll("cuts") int length) {
        int start = Math.min(from, text.length());
        String piece = text.substring(start, Math.min(text.length(), start + length));

        assertThat(test(TextNode.valueOf(text), "contains", TextNode.valueOf(piece))).isTrue();
        assertThat(test(TextNode.valueOf(text), "starts_with", TextNode.valueOf(text.substring(0, start)))).isTrue();
    }

    @Provide
    Arbitrary<BigDecimal> numbers() {
        return Arbitraries.bigDecimals().between(BigDecimal.valueOf(-1_000_000), BigDecimal.valueOf(1_000_000))
                .ofScale(3);
    }

    @Provide
    Arbitrary<JsonNode> values() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 5).map(i -> (JsonNode) IntNode.valueOf(i)),
                Arbitraries.strings().withChars("ab5-.").ofMaxLength(3).map(s -> (JsonNode) TextNode.valueOf(s)));
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 40);
    }
}
