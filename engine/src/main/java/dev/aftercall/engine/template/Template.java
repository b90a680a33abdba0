package dev.aftercall.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A parsed text with {@code {{name}}} placeholders, as found in URLs, headers, bodies, conditions and assignments.
 *
 * <p>Placeholders are {@code {{ name }}} with optional whitespace inside the braces. Names are made of letters,
 * digits and {@code _ - . $ [ ]}; a trailing dot is allowed because seed data has names such as
 * {@code customer_phone_no.}. A lone {@code }}} or single braces are literal text.
 *
 * <p>Instances are immutable and safe to share; {@link #cached(String)} shares them across runs.
 */
public final class Template {
    private static final int CACHE_LIMIT = 10_000;
    private static final ConcurrentMap<String, Template> CACHE = new ConcurrentHashMap<>();

    /** Either literal text or a placeholder name. */
    private record Part(String literal, String name) {
        boolean isPlaceholder() {
            return name != null;
        }
    }

    private final String source;
    private final List<Part> parts;
    private final List<String> placeholders;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
        this.placeholders = parts.stream().filter(Part::isPlaceholder).map(Part::name).toList();
    }

    /** Parses {@code text}; throws {@link TemplateException} naming the column of the first problem. */
    public static Template parse(String text) {
        if (text == null) {
            throw new TemplateException("template text is required");
        }
        List<Part> parts = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = text.indexOf("{{", from);
            if (open < 0) {
                break;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new TemplateException("unclosed '{{' at column " + (open + 1));
            }
            String name = text.substring(open + 2, close).strip();
            if (name.isEmpty()) {
                throw new TemplateException("empty placeholder '{{}}' at column " + (open + 1));
            }
            if (!isValidName(name)) {
                throw new TemplateException("invalid variable name '" + name + "'");
            }
            if (open > from) {
                parts.add(new Part(text.substring(from, open), null));
            }
            parts.add(new Part(null, name));
            from = close + 2;
        }
        if (from < text.length()) {
            parts.add(new Part(text.substring(from), null));
        }
        return new Template(text, parts);
    }

    /**
     * Like {@link #parse(String)}, memoised: the same texts are rendered for every call. The cache is emptied
     * when full rather than evicting one by one, which keeps the hot path to a single map lookup.
     */
    public static Template cached(String text) {
        Template hit = CACHE.get(text);
        if (hit != null) {
            return hit;
        }
        Template parsed = parse(text);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.putIfAbsent(text, parsed);
        return parsed;
    }

    static boolean isValidName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = Character.isLetterOrDigit(c)
                    || c == '_' || c == '-' || c == '.' || c == '$' || c == '[' || c == ']';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public String source() {
        return source;
    }

    /** Placeholder names in order of appearance, repeats included. */
    public List<String> placeholders() {
        return placeholders;
    }

    public boolean isLiteral() {
        return placeholders.isEmpty();
    }

    /** True when the whole text is one placeholder, so the result can keep the variable's JSON type. */
    public boolean isSinglePlaceholder() {
        return parts.size() == 1 && parts.get(0).isPlaceholder();
    }

    /** Substitutes stringified values; a missing variable becomes empty text and is recorded on {@code render}. */
    public String renderText(VariableLookup vars, Render render) {
        return render(vars, render, false);
    }

    /**
     * Like {@link #renderText} with each substituted value percent-encoded; the literal URL is left as written.
     * A value substituted before the path starts (a base URL such as {@code {{crm_base}}/leads}, or a host) is
     * inserted as is, since encoding {@code ://} would break the URL.
     */
    public String renderUrl(VariableLookup vars, Render render) {
        return render(vars, render, true);
    }

    /**
     * The variable's own JSON value (a copy, so callers may modify it) when the text is a single placeholder,
     * otherwise the rendered text. A missing single placeholder renders as JSON null.
     */
    public JsonNode renderValue(VariableLookup vars, Render render) {
        if (!isSinglePlaceholder()) {
            return TextNode.valueOf(renderText(vars, render));
        }
        String name = parts.get(0).name();
        Optional<JsonNode> value = lookup(vars, name);
        if (value.isEmpty()) {
            render.missing(name);
            return NullNode.getInstance();
        }
        return value.get().deepCopy();
    }

    private String render(VariableLookup vars, Render render, boolean urlEncode) {
        if (isLiteral()) {
            return source;
        }
        StringBuilder out = new StringBuilder(source.length() + 32);
        for (Part part : parts) {
            if (!part.isPlaceholder()) {
                out.append(part.literal());
                continue;
            }
            Optional<JsonNode> value = lookup(vars, part.name());
            if (value.isEmpty()) {
                render.missing(part.name());
                continue;
            }
            String text = stringify(value.get());
            out.append(urlEncode && pathStarted(out) ? percentEncode(text) : text);
        }
        return out.toString();
    }

    /**
     * True once {@code url} has reached its path: a '/' after the authority of "scheme://authority", or any text
     * of a relative URL. False at the very start, where a placeholder stands for a base URL.
     */
    private static boolean pathStarted(CharSequence url) {
        if (url.length() == 0) {
            return false;
        }
        String text = url.toString();
        int scheme = text.indexOf("://");
        return scheme < 0 || text.indexOf('/', scheme + 3) >= 0;
    }

    private static Optional<JsonNode> lookup(VariableLookup vars, String name) {
        // A lookup that hands back Jackson's MissingNode means "not there", not a value.
        return vars.find(name).filter(node -> !node.isMissingNode());
    }

    /** Text as is, null as empty, everything else as compact JSON ({@code 42}, {@code true}, {@code {"a":1}}). */
    public static String stringify(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    /** RFC 3986: unreserved characters stay, every other UTF-8 byte becomes {@code %XX}. */
    static String percentEncode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    @Override
    public String toString() {
        return source;
    }
}
