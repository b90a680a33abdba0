package dev.aftercall.engine.condition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aftercall.engine.template.Render;
import dev.aftercall.engine.template.Template;
import dev.aftercall.engine.template.TemplateException;
import dev.aftercall.engine.template.VariableLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates {@link Condition}s and {@link ConditionGroup}s the same way for decision nodes, basic functions and
 * actions, and validates them when a flow is saved.
 *
 * <p>A string operand is a template: exactly {@code "{{name}}"} stands for the variable's JSON value, or for
 * "absent" when it does not exist; any other string is rendered to text. Other JSON operands are literals.
 * Comparison is typed, so {@code "42"} equals {@code 42} and {@code "true"} equals {@code true}.
 *
 * <p>Missing variables are recorded on the {@link Render}, except under {@code exists}, {@code not_exists},
 * {@code is_empty} and {@code is_not_empty}, whose whole point is asking about absence. Whether a missing
 * variable is an error is for the caller to decide with {@link Render#throwIfStrictAndMissing()}.
 */
public final class ConditionEvaluator {
    private ConditionEvaluator() {
    }

    /**
     * Throws {@link IllegalArgumentException} for an unknown operator and {@link TemplateException} for an operand
     * that does not parse; {@link #check(Condition)} reports both before a flow can run.
     */
    public static boolean test(Condition c, VariableLookup vars, Render render) {
        Operator operator = Operator.of(c.operator())
                .orElseThrow(() -> new IllegalArgumentException(unknownOperator(c.operator())));
        JsonNode left = operand(c.left(), vars, render, operator.unary());
        if (operator.unary()) {
            return testUnary(operator, left);
        }
        JsonNode right = operand(c.right(), vars, render, false);
        return switch (operator) {
            case EQUALS -> TypedComparison.equal(left, right);
            case NOT_EQUALS -> !TypedComparison.equal(left, right);
            case GREATER_THAN -> TypedComparison.order(left, right).map(o -> o > 0).orElse(false);
            case GREATER_THAN_OR_EQUAL -> TypedComparison.order(left, right).map(o -> o >= 0).orElse(false);
            case LESS_THAN -> TypedComparison.order(left, right).map(o -> o < 0).orElse(false);
            case LESS_THAN_OR_EQUAL -> TypedComparison.order(left, right).map(o -> o <= 0).orElse(false);
            case CONTAINS -> contains(left, right);
            case NOT_CONTAINS -> !contains(left, right);
            case STARTS_WITH -> bothPresent(left, right) && text(left).startsWith(text(right));
            case ENDS_WITH -> bothPresent(left, right) && text(left).endsWith(text(right));
            case MATCHES -> matches(left, right, render);
            case IN -> in(left, right);
            default -> throw new IllegalStateException("unary operator handled above: " + operator);
        };
    }

    /** {@code all}: every condition holds; {@code any}: at least one does. Stops at the first decisive one. */
    public static boolean test(ConditionGroup g, VariableLookup vars, Render render) {
        boolean any = isAny(g.match());
        if (!any && !isAll(g.match())) {
            throw new IllegalArgumentException("match must be 'all' or 'any'");
        }
        if (g.conditions().isEmpty()) {
            return true;
        }
        for (Condition condition : g.conditions()) {
            if (test(condition, vars, render) == any) {
                return any;
            }
        }
        return !any;
    }

    /** Problems to show when the flow is saved; empty when the condition can run. */
    public static List<String> check(Condition c) {
        List<String> problems = new ArrayList<>();
        Optional<Operator> operator = Operator.of(c.operator());
        if (operator.isEmpty()) {
            problems.add(unknownOperator(c.operator()));
        }
        if (isAbsent(c.left())) {
            problems.add("left is required");
        } else {
            templateProblem("left", c.left()).ifPresent(problems::add);
        }
        if (operator.isEmpty() || operator.get().unary()) {
            return problems;
        }
        if (isAbsent(c.right())) {
            problems.add("right is required for operator '" + c.operator().strip() + "'");
            return problems;
        }
        Optional<String> rightProblem = templateProblem("right", c.right());
        rightProblem.ifPresent(problems::add);
        if (rightProblem.isEmpty() && operator.get() == Operator.MATCHES && c.right().isTextual()
                && Template.cached(c.right().textValue()).isLiteral()) {
            try {
                BoundedRegex.compile(c.right().textValue());
            } catch (PatternSyntaxException e) {
                problems.add("right: invalid regular expression: " + describe(e));
            }
        }
        return problems;
    }

    /** Problems of the group and of each condition, the latter prefixed with {@code conditions[i].}. */
    public static List<String> check(ConditionGroup g) {
        List<String> problems = new ArrayList<>();
        if (!isAll(g.match()) && !isAny(g.match())) {
            problems.add("match must be 'all' or 'any'");
        }
        for (int i = 0; i < g.conditions().size(); i++) {
            for (String problem : check(g.conditions().get(i))) {
                problems.add("conditions[" + i + "]." + problem);
            }
        }
        return problems;
    }

    /** Resolves an operand to a JSON value; {@link MissingNode} stands for "absent". */
    private static JsonNode operand(JsonNode raw, VariableLookup vars, Render render, boolean askingAboutAbsence) {
        if (isAbsent(raw)) {
            return MissingNode.getInstance();
        }
        if (!raw.isTextual()) {
            return raw;
        }
        Template template = Template.cached(raw.textValue());
        // A throwaway Render keeps "not defined" warnings out of the trace when absence is what is being asked.
        Render sink = askingAboutAbsence ? Render.lenient() : render;
        if (template.isSinglePlaceholder()) {
            String name = template.placeholders().get(0);
            Optional<JsonNode> value = vars.find(name).filter(v -> !v.isMissingNode());
            if (value.isEmpty()) {
                sink.missing(name);
                return MissingNode.getInstance();
            }
            return value.get();
        }
        return TextNode.valueOf(template.renderText(vars, sink));
    }

    private static boolean testUnary(Operator operator, JsonNode left) {
        return switch (operator) {
            case EXISTS -> !TypedComparison.isNothing(left);
            case NOT_EXISTS -> TypedComparison.isNothing(left);
            case IS_EMPTY -> isEmpty(left);
            case IS_NOT_EMPTY -> !isEmpty(left);
            default -> throw new IllegalStateException("not a unary operator: " + operator);
        };
    }

    private static boolean isEmpty(JsonNode value) {
        if (TypedComparison.isNothing(value)) {
            return true;
        }
        if (value.isTextual()) {
            return value.textValue().isBlank();
        }
        return value.isContainerNode() && value.isEmpty();
    }

    /** Text contains text; an array contains a typed-equal element; an object contains a key. */
    private static boolean contains(JsonNode left, JsonNode right) {
        if (TypedComparison.isNothing(left) || right.isMissingNode()) {
            return false;
        }
        if (left.isArray()) {
            for (JsonNode element : left) {
                if (TypedComparison.equal(element, right)) {
                    return true;
                }
            }
            return false;
        }
        if (TypedComparison.isNothing(right)) {
            return false;
        }
        if (left.isObject()) {
            return left.has(text(right));
        }
        return text(left).contains(text(right));
    }

    /** The left value equals one element of a right array, or one item of comma-separated right text. */
    private static boolean in(JsonNode left, JsonNode right) {
        if (TypedComparison.isNothing(left) || TypedComparison.isNothing(right)) {
            return false;
        }
        if (right.isArray()) {
            for (JsonNode element : right) {
                if (TypedComparison.equal(left, element)) {
                    return true;
                }
            }
            return false;
        }
        if (right.isTextual()) {
            for (String item : right.textValue().split(",", -1)) {
                if (TypedComparison.equal(left, TextNode.valueOf(item.strip()))) {
                    return true;
                }
            }
            return false;
        }
        return TypedComparison.equal(left, right);
    }

    private static boolean matches(JsonNode left, JsonNode right, Render render) {
        if (!bothPresent(left, right)) {
            return false;
        }
        String regex = text(right);
        Pattern pattern;
        try {
            pattern = BoundedRegex.compile(regex);
        } catch (PatternSyntaxException e) {
            render.warn("invalid regular expression '" + regex + "': " + describe(e));
            return false;
        }
        try {
            return BoundedRegex.find(pattern, text(left));
        } catch (BoundedRegex.TimedOut e) {
            render.warn("regular expression timed out after " + BoundedRegex.TIME_LIMIT_MILLIS
                    + " ms: '" + regex + "'");
            return false;
        }
    }

    private static Optional<String> templateProblem(String field, JsonNode operand) {
        if (!operand.isTextual()) {
            return Optional.empty();
        }
        try {
            Template.cached(operand.textValue());
            return Optional.empty();
        } catch (TemplateException e) {
            return Optional.of(field + ": " + e.getMessage());
        }
    }

    private static String describe(PatternSyntaxException e) {
        return e.getIndex() >= 0 ? e.getDescription() + " near index " + e.getIndex() : e.getDescription();
    }

    private static String unknownOperator(String operator) {
        String expected = " (expected one of " + String.join(", ", Operator.symbols()) + ")";
        return operator == null || operator.isBlank()
                ? "operator is required" + expected
                : "unknown operator '" + operator + "'" + expected;
    }

    private static boolean bothPresent(JsonNode left, JsonNode right) {
        return !TypedComparison.isNothing(left) && !TypedComparison.isNothing(right);
    }

    private static boolean isAbsent(JsonNode operand) {
        return operand == null || operand.isMissingNode();
    }

    private static String text(JsonNode value) {
        return Template.stringify(value);
    }

    private static boolean isAll(String match) {
        return ConditionGroup.ALL.equals(match.strip().toLowerCase(Locale.ROOT));
    }

    private static boolean isAny(String match) {
        return ConditionGroup.ANY.equals(match.strip().toLowerCase(Locale.ROOT));
    }
}
