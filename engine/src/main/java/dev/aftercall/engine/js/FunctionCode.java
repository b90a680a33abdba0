package dev.aftercall.engine.js;

import dev.aftercall.engine.js.JsTokens.Kind;
import dev.aftercall.engine.js.JsTokens.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;

/**
 * Save-time validation of an advanced post-call function (seed 000): the code parses, it is exactly one
 * {@code async function name(context)}, it names none of the forbidden APIs of the seed's Security Rules, and the
 * {@code functions_called} entries it writes literally use only the five schema fields.
 *
 * <p>Forbidden names are found on tokens, not by substring search: text in strings, comments, template text and
 * regular expressions is not code, and a property name after {@code .} ({@code context.process_id}) is not the
 * global it spells. This is a courtesy to the operator (a clear message with the line); the sandbox does not rely
 * on it, since the same APIs are absent at run time however they are reached.
 */
public final class FunctionCode {
    public static final String SIGNATURE = "must be `async function name(context)`";

    private static final Map<String, String> FORBIDDEN = Map.ofEntries(
            Map.entry("process", "`process` is forbidden: no process object or environment variables"),
            Map.entry("require", "`require` is forbidden: use the pre-imported axios, moment and _"),
            Map.entry("eval", "`eval` is forbidden: no dynamic code"),
            Map.entry("Function", "`Function` is forbidden: no dynamic code"),
            Map.entry("fs", "`fs` is forbidden: no filesystem access"),
            Map.entry("child_process", "`child_process` is forbidden: no process execution"),
            Map.entry("Java", "`Java` is forbidden: no host access"),
            Map.entry("Packages", "`Packages` is forbidden: no host access"),
            Map.entry("Polyglot", "`Polyglot` is forbidden: no host access"));
    private static final String IMPORT = "`import()` is forbidden: use the pre-imported axios, moment and _";
    private static final String CONSTRUCTOR =
            "`.constructor` used this way can build a function from a string: no dynamic code";
    private static final Set<String> GLOBAL_OBJECTS = Set.of("globalThis", "this", "self", "global", "window");
    private static final Set<String> LOG_FIELDS = Set.of("name", "parameters", "success", "response", "timestamp");

    private FunctionCode() {
    }

    /** Every problem found, in source order; empty when the function may be saved. */
    public static List<CodeProblem> check(String code) {
        List<CodeProblem> problems = new ArrayList<>();
        if (code == null || code.isBlank()) {
            problems.add(new CodeProblem("the code is empty: it " + SIGNATURE, 1, 1));
            return problems;
        }
        CodeProblem syntax = parse(code);
        List<Token> tokens = JsTokens.of(code);
        if (syntax != null) {
            problems.add(syntax);
        } else {
            signatureProblem(tokens).ifPresent(problems::add);
        }
        forbiddenNames(tokens, problems);
        extraLogFields(tokens, problems);
        problems.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                : Integer.compare(a.column(), b.column()));
        return problems;
    }

    /** The declared function's name when the code has the required shape; empty otherwise. */
    public static Optional<String> functionName(String code) {
        List<Token> tokens = JsTokens.of(code == null ? "" : code);
        if (signatureProblem(tokens).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(tokens.get(directiveEnd(tokens) + 2).text());
    }

    private static CodeProblem parse(String code) {
        try (Context context = Context.newBuilder("js").engine(Parser.ENGINE).allowHostAccess(HostAccess.NONE).build()) {
            // Not cached: every keystroke of the editor would otherwise stay in the parser's code cache.
            context.parse(Source.newBuilder("js", code, "function.js").cached(false).buildLiteral());
            return null;
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                throw e;
            }
            SourceSection at = e.getSourceLocation();
            String message = e.getMessage() == null ? "syntax error" : e.getMessage().lines().findFirst().orElse("");
            message = message.replaceFirst("^(SyntaxError: )?function\\.js:\\d+:\\d+ ", "");
            return new CodeProblem("syntax error: " + message,
                    at == null ? 1 : at.getStartLine(), at == null || !at.hasColumns() ? 1 : at.getStartColumn());
        }
    }

    private static Optional<CodeProblem> signatureProblem(List<Token> tokens) {
        int i = directiveEnd(tokens);
        if (i >= tokens.size()) {
            return Optional.of(new CodeProblem("the code is empty: it " + SIGNATURE, 1, 1));
        }
        Token first = tokens.get(i);
        if (!first.is("async") || i + 1 >= tokens.size() || !tokens.get(i + 1).is("function")) {
            return problem(first, "the code " + SIGNATURE + ": it must start with `async function`");
        }
        Token name = at(tokens, i + 2);
        if (name == null || name.kind() != Kind.IDENTIFIER) {
            return problem(name == null ? first : name, "the code " + SIGNATURE + ": the function needs a name"
                    + (name != null && name.is("*") ? " and cannot be a generator" : ""));
        }
        Token open = at(tokens, i + 3);
        Token param = at(tokens, i + 4);
        Token close = at(tokens, i + 5);
        if (open == null || !open.is("(") || param == null || !param.is("context") || close == null || !close.is(")")) {
            return problem(open == null ? name : open,
                    "the code " + SIGNATURE + ": the function takes exactly one parameter, `context`");
        }
        Token body = at(tokens, i + 6);
        if (body == null || !body.is("{")) {
            return problem(body == null ? close : body, "the code " + SIGNATURE + ": the function body must follow");
        }
        int depth = 0;
        int end = i + 6;
        for (; end < tokens.size(); end++) {
            Token t = tokens.get(end);
            if (t.is("{") || t.is("${")) {
                depth++;
            } else if (t.is("}") && --depth == 0) {
                break;
            }
        }
        for (int k = end + 1; k < tokens.size(); k++) {
            if (!tokens.get(k).is(";")) {
                return problem(tokens.get(k), "the code " + SIGNATURE
                        + ": nothing may follow the function (found `" + tokens.get(k).text() + "`)");
            }
        }
        return Optional.empty();
    }

    /** Skips a leading {@code "use strict";}, the only other top-level statement allowed. */
    private static int directiveEnd(List<Token> tokens) {
        int i = 0;
        while (i < tokens.size() && tokens.get(i).kind() == Kind.STRING && tokens.get(i).text().equals("use strict")) {
            i++;
            if (i < tokens.size() && tokens.get(i).is(";")) {
                i++;
            }
        }
        return i;
    }

    private static void forbiddenNames(List<Token> tokens, List<CodeProblem> problems) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token prev = at(tokens, i - 1);
            Token next = at(tokens, i + 1);
            if (t.kind() == Kind.STRING && prev != null && prev.is("[") && next != null && next.is("]")) {
                Token object = at(tokens, i - 2);
                if (object != null && GLOBAL_OBJECTS.contains(object.text()) && FORBIDDEN.containsKey(t.text())) {
                    problems.add(new CodeProblem(FORBIDDEN.get(t.text()), t.line(), t.column()));
                }
                continue;
            }
            if (t.kind() != Kind.IDENTIFIER) {
                continue;
            }
            boolean property = prev != null && (prev.is(".") || prev.is("?."));
            if (t.text().equals("constructor") && property) {
                Token after = at(tokens, i + 2);
                Token object = at(tokens, i - 2);
                boolean chained = next != null && next.is(".") && after != null && after.is("constructor");
                boolean called = next != null && next.is("(");
                boolean global = object != null && GLOBAL_OBJECTS.contains(object.text());
                if (chained || called || global) {
                    problems.add(new CodeProblem(CONSTRUCTOR, t.line(), t.column()));
                    i += chained ? 2 : 0; // one report per chain
                }
                continue;
            }
            boolean objectKey = prev != null && (prev.is("{") || prev.is(",")) && next != null && next.is(":");
            if (property || objectKey) {
                continue;
            }
            if (t.text().equals("import")) {
                if (next != null && next.is("(")) {
                    problems.add(new CodeProblem(IMPORT, t.line(), t.column()));
                }
            } else if (FORBIDDEN.containsKey(t.text()) && !(t.text().equals("Function") && prev != null && prev.is("instanceof"))) {
                problems.add(new CodeProblem(FORBIDDEN.get(t.text()), t.line(), t.column()));
            }
        }
    }

    /**
     * An object literal with {@code name}, {@code success} and {@code timestamp} is a functions_called entry; seed 000
     * allows exactly five fields in it ("Do NOT add extra fields like details, result, ndoa").
     */
    private static void extraLogFields(List<Token> tokens, List<CodeProblem> problems) {
        Deque<List<Token>> keysByBrace = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("{") || t.is("${")) {
                keysByBrace.push(new ArrayList<>());
            } else if (t.is("}") && !keysByBrace.isEmpty()) {
                List<Token> keys = keysByBrace.pop();
                List<String> names = keys.stream().map(Token::text).toList();
                if (names.containsAll(List.of("name", "success", "timestamp"))) {
                    for (Token key : keys) {
                        if (!LOG_FIELDS.contains(key.text())) {
                            problems.add(new CodeProblem("functions_called entries take only name, parameters, success,"
                                    + " response and timestamp: remove `" + key.text() + "`", key.line(), key.column()));
                        }
                    }
                }
            } else if ((t.kind() == Kind.IDENTIFIER || t.kind() == Kind.STRING) && !keysByBrace.isEmpty()) {
                Token prev = at(tokens, i - 1);
                Token next = at(tokens, i + 1);
                boolean afterOpen = prev != null && (prev.is("{") || prev.is(","));
                boolean key = next != null && (next.is(":") || (t.kind() == Kind.IDENTIFIER && (next.is(",") || next.is("}"))));
                if (afterOpen && key) {
                    keysByBrace.peek().add(t);
                }
            }
        }
    }

    private static Optional<CodeProblem> problem(Token at, String message) {
        return Optional.of(new CodeProblem(message, at.line(), at.column()));
    }

    private static Token at(List<Token> tokens, int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i) : null;
    }

    /** A parser engine of its own, made on first use: validation must not wait for, or disturb, the sandbox. */
    private static final class Parser {
        static final Engine ENGINE = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
    }
}
