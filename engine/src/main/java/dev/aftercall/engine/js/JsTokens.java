package dev.aftercall.engine.js;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A forgiving JavaScript tokenizer, good enough for save-time checks: it knows where strings, template text,
 * comments and regular expression literals are, so that a forbidden name is reported only where it is code.
 * It never throws; text it cannot make sense of becomes single-character punctuators. GraalJS parses the code
 * as well, so syntax errors are reported by the real parser, not by this class.
 */
final class JsTokens {

    enum Kind { IDENTIFIER, PUNCTUATOR, STRING, TEMPLATE_TEXT, NUMBER, REGEX, PRIVATE_NAME }

    /** One token; {@code text} of an identifier has its escapes decoded ({@code \u0065val} is {@code eval}). */
    record Token(Kind kind, String text, int line, int column) {
        boolean is(String punctuatorOrName) {
            return (kind == Kind.PUNCTUATOR || kind == Kind.IDENTIFIER) && text.equals(punctuatorOrName);
        }
    }

    private static final String[] PUNCTUATORS = {
        ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
        "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "%=", "&=", "|=",
        "^=", "**", "<<", ">>",
    };
    /** After these keywords an expression starts, so a slash opens a regular expression, not a division. */
    private static final Set<String> REGEX_AFTER_KEYWORD = Set.of("return", "typeof", "instanceof", "in", "of", "new",
            "delete", "void", "throw", "case", "do", "else", "yield", "await");

    private final String src;
    private int pos;
    private int line = 1;
    private int column = 1;
    private final List<Token> tokens = new ArrayList<>();
    /** Brace depth at each open {@code ${}, so the matching {@code }} resumes the template text. */
    private final Deque<Integer> templateDepths = new ArrayDeque<>();
    private int braceDepth;

    private JsTokens(String src) {
        this.src = src;
    }

    static List<Token> of(String source) {
        JsTokens t = new JsTokens(source);
        t.run();
        return t.tokens;
    }

    private void run() {
        if (src.startsWith("#!")) {
            skipLineComment();
        }
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (isLineTerminator(c) || Character.isWhitespace(c) || c == '\u00a0' || c == '\ufeff') {
                advance(1);
            } else if (src.startsWith("//", pos) || src.startsWith("<!--", pos)) {
                skipLineComment();
            } else if (src.startsWith("/*", pos)) {
                int end = src.indexOf("*/", pos + 2);
                advance((end < 0 ? src.length() : end + 2) - pos);
            } else if (c == '"' || c == '\'') {
                string(c);
            } else if (c == '`') {
                add(Kind.PUNCTUATOR, "`", line, column);
                advance(1);
                templateText();
            } else if (c == '}' && !templateDepths.isEmpty() && templateDepths.peek() == braceDepth) {
                templateDepths.pop();
                add(Kind.PUNCTUATOR, "}", line, column);
                advance(1);
                templateText();
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
                number();
            } else if (c == '#' && pos + 1 < src.length() && isIdentifierStart(src.codePointAt(pos + 1))) {
                int l = line;
                int col = column;
                advance(1);
                add(Kind.PRIVATE_NAME, "#" + identifierName(), l, col);
            } else if (isIdentifierStart(src.codePointAt(pos)) || c == '\\') {
                int l = line;
                int col = column;
                add(Kind.IDENTIFIER, identifierName(), l, col);
            } else if (c == '/' && regexAllowed()) {
                regex();
            } else {
                punctuator();
            }
        }
    }

    private void punctuator() {
        for (String p : PUNCTUATORS) {
            if (src.startsWith(p, pos) && !(p.equals("?.") && pos + 2 < src.length() && Character.isDigit(src.charAt(pos + 2)))) {
                add(Kind.PUNCTUATOR, p, line, column);
                advance(p.length());
                return;
            }
        }
        char c = src.charAt(pos);
        if (c == '{') {
            braceDepth++;
        } else if (c == '}') {
            braceDepth--;
        }
        add(Kind.PUNCTUATOR, String.valueOf(c), line, column);
        advance(1);
    }

    private void string(char quote) {
        int l = line;
        int col = column;
        StringBuilder value = new StringBuilder();
        advance(1);
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == quote) {
                advance(1);
                break;
            }
            if (c == '\\' && pos + 1 < src.length()) {
                value.append(src.charAt(pos + 1));
                advance(2);
            } else if (isLineTerminator(c)) {
                break; // unterminated: the parser reports it
            } else {
                value.append(c);
                advance(1);
            }
        }
        add(Kind.STRING, value.toString(), l, col);
    }

    /** Consumes template text up to the closing backtick or the next {@code ${}. */
    private void templateText() {
        int l = line;
        int col = column;
        int start = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\') {
                advance(Math.min(2, src.length() - pos));
            } else if (c == '`') {
                add(Kind.TEMPLATE_TEXT, src.substring(start, pos), l, col);
                add(Kind.PUNCTUATOR, "`", line, column);
                advance(1);
                return;
            } else if (src.startsWith("${", pos)) {
                add(Kind.TEMPLATE_TEXT, src.substring(start, pos), l, col);
                add(Kind.PUNCTUATOR, "${", line, column);
                advance(2);
                templateDepths.push(braceDepth);
                return;
            } else {
                advance(1);
            }
        }
        add(Kind.TEMPLATE_TEXT, src.substring(start), l, col);
    }

    private void number() {
        int l = line;
        int col = column;
        int start = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            char prev = src.charAt(pos - 1 < start ? start : pos - 1);
            boolean exponentSign = (c == '+' || c == '-') && (prev == 'e' || prev == 'E') && pos > start
                    && !src.substring(start, pos).toLowerCase().startsWith("0x");
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || exponentSign) {
                advance(1);
            } else {
                break;
            }
        }
        add(Kind.NUMBER, src.substring(start, pos), l, col);
    }

    private void regex() {
        int l = line;
        int col = column;
        int start = pos;
        advance(1);
        boolean inClass = false;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (isLineTerminator(c)) {
                break;
            } else if (c == '\\') {
                advance(Math.min(2, src.length() - pos));
            } else if (c == '[') {
                inClass = true;
                advance(1);
            } else if (c == ']') {
                inClass = false;
                advance(1);
            } else if (c == '/' && !inClass) {
                advance(1);
                while (pos < src.length() && isIdentifierPart(src.codePointAt(pos))) {
                    advance(1);
                }
                break;
            } else {
                advance(1);
            }
        }
        add(Kind.REGEX, src.substring(start, pos), l, col);
    }

    private String identifierName() {
        StringBuilder name = new StringBuilder();
        while (pos < src.length()) {
            int cp = src.codePointAt(pos);
            if (cp == '\\' && src.startsWith("\\u", pos)) {
                int decoded = unicodeEscape();
                if (decoded < 0) {
                    break;
                }
                name.appendCodePoint(decoded);
            } else if (name.length() == 0 ? isIdentifierStart(cp) : isIdentifierPart(cp)) {
                name.appendCodePoint(cp);
                advance(Character.charCount(cp));
            } else {
                break;
            }
        }
        if (name.length() == 0) {
            advance(1); // a lone backslash: skip it rather than loop
        }
        return name.toString();
    }

    /** Decodes {@code \\uXXXX} or {@code \\u{X...}} at pos; -1 (consuming nothing) when malformed. */
    private int unicodeEscape() {
        int start = pos + 2;
        int end;
        String hex;
        if (start < src.length() && src.charAt(start) == '{') {
            end = src.indexOf('}', start);
            if (end < 0) {
                return -1;
            }
            hex = src.substring(start + 1, end);
            end++;
        } else {
            end = Math.min(start + 4, src.length());
            hex = src.substring(start, end);
        }
        try {
            int cp = Integer.parseInt(hex, 16);
            advance(end - pos);
            return Character.isValidCodePoint(cp) ? cp : '?';
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private boolean regexAllowed() {
        if (tokens.isEmpty()) {
            return true;
        }
        Token prev = tokens.get(tokens.size() - 1);
        return switch (prev.kind()) {
            case PUNCTUATOR -> !prev.text().equals(")") && !prev.text().equals("]") && !prev.text().equals("`");
            case IDENTIFIER -> REGEX_AFTER_KEYWORD.contains(prev.text());
            default -> false;
        };
    }

    private void skipLineComment() {
        while (pos < src.length() && !isLineTerminator(src.charAt(pos))) {
            advance(1);
        }
    }

    private void add(Kind kind, String text, int l, int col) {
        tokens.add(new Token(kind, text, l, col));
    }

    private void advance(int n) {
        for (int i = 0; i < n && pos < src.length(); i++) {
            char c = src.charAt(pos++);
            if (c == '\n' || c == '\u2028' || c == '\u2029' || (c == '\r' && (pos >= src.length() || src.charAt(pos) != '\n'))) {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
    }

    private static boolean isIdentifierStart(int cp) {
        return cp == '$' || cp == '_' || Character.isUnicodeIdentifierStart(cp);
    }

    private static boolean isIdentifierPart(int cp) {
        return cp == '$' || cp == '_' || cp == '\u200c' || cp == '\u200d'
                || (Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp));
    }
}
