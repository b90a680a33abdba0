package dev.aftercall.engine.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OperatorTest {

    @Test
    void symbolsAreTheSixteenCanonicalOnesInDocumentedOrder() {
        assertThat(Operator.symbols()).containsExactly("==", "!=", ">", ">=", "<", "<=", "contains", "not_contains",
                "starts_with", "ends_with", "matches", "in", "exists", "not_exists", "is_empty", "is_not_empty");
    }

    @ParameterizedTest
    @EnumSource(Operator.class)
    void everyOperatorIsFoundByItsOwnSymbol(Operator operator) {
        assertThat(Operator.of(operator.symbol())).contains(operator);
    }

    @ParameterizedTest
    @CsvSource({
        "equals, ==", "eq, ==", "not_equals, !=", "ne, !=", "gt, >", "gte, >=", "lt, <", "lte, <=",
        "EQUALS, ==", "' contains ', contains", "Is_Empty, is_empty"
    })
    void aliasesAndOtherCasingsMapToTheCanonicalOperator(String alias, String symbol) {
        assertThat(Operator.of(alias)).map(Operator::symbol).contains(symbol);
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "=", "===", "<>", "", "not contains"})
    void unknownSpellingsAreNotOperators(String text) {
        assertThat(Operator.of(text)).isEmpty();
    }

    @Test
    void nullIsNotAnOperator() {
        assertThat(Operator.of(null)).isEmpty();
    }

    @Test
    void onlyPresenceAndEmptinessOperatorsAreUnary() {
        assertThat(Arrays.stream(Operator.values()).filter(Operator::unary).map(Operator::symbol))
                .containsExactly("exists", "not_exists", "is_empty", "is_not_empty");
    }
}
