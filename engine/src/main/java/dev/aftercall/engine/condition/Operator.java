package dev.aftercall.engine.condition;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The comparison operators of a {@link Condition}, by the symbol stored in flow documents. */
public enum Operator {
    EQUALS("=="),
    NOT_EQUALS("!="),
    GREATER_THAN(">"),
    GREATER_THAN_OR_EQUAL(">="),
    LESS_THAN("<"),
    LESS_THAN_OR_EQUAL("<="),
    CONTAINS("contains"),
    NOT_CONTAINS("not_contains"),
    STARTS_WITH("starts_with"),
    ENDS_WITH("ends_with"),
    MATCHES("matches"),
    IN("in"),
    EXISTS("exists"),
    NOT_EXISTS("not_exists"),
    IS_EMPTY("is_empty"),
    IS_NOT_EMPTY("is_not_empty");

    private static final Map<String, Operator> BY_NAME = new HashMap<>();

    static {
        for (Operator operator : values()) {
            BY_NAME.put(operator.symbol, operator);
        }
        // Spellings that imported flows and hand-written documents use.
        BY_NAME.put("equals", EQUALS);
        BY_NAME.put("eq", EQUALS);
        BY_NAME.put("not_equals", NOT_EQUALS);
        BY_NAME.put("ne", NOT_EQUALS);
        BY_NAME.put("gt", GREATER_THAN);
        BY_NAME.put("gte", GREATER_THAN_OR_EQUAL);
        BY_NAME.put("lt", LESS_THAN);
        BY_NAME.put("lte", LESS_THAN_OR_EQUAL);
    }

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Operators that look only at the left operand; their {@code right} is ignored. */
    public boolean unary() {
        return this == EXISTS || this == NOT_EXISTS || this == IS_EMPTY || this == IS_NOT_EMPTY;
    }

    /** Finds an operator by symbol or alias, ignoring case and surrounding whitespace. */
    public static Optional<Operator> of(String symbolOrAlias) {
        if (symbolOrAlias == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(symbolOrAlias.strip().toLowerCase(Locale.ROOT)));
    }

    /** The canonical symbols, in declaration order, for error messages and editor menus. */
    public static List<String> symbols() {
        return Arrays.stream(values()).map(Operator::symbol).toList();
    }
}
