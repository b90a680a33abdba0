package dev.aftercall.engine.condition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftercall.engine.template.Template;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Equality and ordering across JSON types, because call data is loosely typed: a CRM sends {@code "42"} where a
 * flow author wrote {@code 42}, and {@code "true"} where they wrote {@code true}. Absent operands are Jackson's
 * {@code MissingNode}.
 */
final class TypedComparison {
    /** JSON equality for objects and arrays, except that {@code 1} and {@code 1.0} inside them are equal. */
    private static final Comparator<JsonNode> SCALARS = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            Optional<BigDecimal> x = number(a);
            Optional<BigDecimal> y = number(b);
            if (x.isPresent() && y.isPresent()) {
                return x.get().compareTo(y.get());
            }
        }
        return a.equals(b) ? 0 : 1;
    };

    private TypedComparison() {
    }

    static boolean isNothing(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** Numbers by value, then booleans, then null only equals null, then text (objects and arrays as JSON). */
    static boolean equal(JsonNode left, JsonNode right) {
        Optional<BigDecimal> x = number(left);
        Optional<BigDecimal> y = number(right);
        if (x.isPresent() && y.isPresent()) {
            return x.get().compareTo(y.get()) == 0;
        }
        Optional<Boolean> p = bool(left);
        Optional<Boolean> q = bool(right);
        if (p.isPresent() && q.isPresent()) {
            return p.get().equals(q.get());
        }
        if (isNothing(left) || isNothing(right)) {
            return isNothing(left) && isNothing(right);
        }
        if (left.isContainerNode() && right.isContainerNode()) {
            return left.equals(SCALARS, right);
        }
        return Template.stringify(left).equals(Template.stringify(right));
    }

    /**
     * Compares for {@code > >= < <=}: numerically, then chronologically for ISO-8601 dates and date-times,
     * then as text. Empty when either side is absent or null, which makes every ordering false.
     */
    static Optional<Integer> order(JsonNode left, JsonNode right) {
        if (isNothing(left) || isNothing(right)) {
            return Optional.empty();
        }
        Optional<BigDecimal> x = number(left);
        Optional<BigDecimal> y = number(right);
        if (x.isPresent() && y.isPresent()) {
            return Optional.of(x.get().compareTo(y.get()));
        }
        String a = Template.stringify(left);
        String b = Template.stringify(right);
        Optional<Instant> s = instant(a);
        Optional<Instant> t = instant(b);
        if (s.isPresent() && t.isPresent()) {
            return Optional.of(s.get().compareTo(t.get()));
        }
        return Optional.of(a.compareTo(b));
    }

    static Optional<BigDecimal> number(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
                return Optional.empty();
            }
            return Optional.of(node.decimalValue());
        }
        if (node.isTextual()) {
            String text = node.textValue().strip();
            // Cheap pre-check: most text is not a number and exceptions are expensive on a hot path.
            if (text.isEmpty() || !startsLikeNumber(text.charAt(0))) {
                return Optional.empty();
            }
            try {
                return Optional.of(new BigDecimal(text));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean startsLikeNumber(char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
    }

    static Optional<Boolean> bool(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        if (node.isTextual()) {
            String text = node.textValue().strip().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Optional.of(text.equals("true"));
            }
        }
        return Optional.empty();
    }

    /**
     * Reads an ISO-8601 date, offset date-time or local date-time. Values without an offset are taken as UTC so
     * that a date and a date-time can still be ordered against each other.
     */
    static Optional<Instant> instant(String text) {
        String value = text.strip();
        if (value.length() < 10 || !Character.isDigit(value.charAt(0))) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notOffset) {
            // fall through to the next shape
        }
        try {
            return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notLocalDateTime) {
            // fall through to the next shape
        }
        try {
            return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notDate) {
            return Optional.empty();
        }
    }
}
