package dev.aftercall.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves placeholder names against an object of roots such as
 * {@code {"interaction": {...}, "call_metadata": {...}, "post_call": {...}, "ticket_id": 42}}.
 *
 * <p>A name is first looked up as one key, because real data has keys with dots in them
 * ({@code customer_phone_no.}); the same exact-key check is repeated at every level. Otherwise the name is a path:
 * {@code lead.id}, {@code items[0].id} or {@code items.0.id}. Text is never parsed on the way, even text that
 * holds JSON, so a path into a string is simply not found.
 */
public final class PathLookup implements VariableLookup {
    private final ObjectNode roots;

    private PathLookup(ObjectNode roots) {
        this.roots = roots;
    }

    public static PathLookup over(ObjectNode roots) {
        return new PathLookup(Objects.requireNonNull(roots, "roots"));
    }

    /** Same as {@link Lookups#chain}: the first lookup that finds the name wins. */
    public static VariableLookup chain(VariableLookup... lookups) {
        return Lookups.chain(lookups);
    }

    @Override
    public Optional<JsonNode> find(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(walk(roots, name));
    }

    /** Returns the node at {@code path} below {@code node}, or null when any step is missing. */
    private static JsonNode walk(JsonNode node, String path) {
        while (true) {
            if (node.isObject() && node.has(path)) {
                return node.get(path);
            }
            int end;
            JsonNode next;
            if (path.startsWith("[")) {
                end = path.indexOf(']');
                if (end < 0 || !node.isArray()) {
                    return null;
                }
                next = element(node, path.substring(1, end));
                end++;
            } else {
                end = segmentEnd(path);
                String segment = path.substring(0, end);
                if (segment.isEmpty()) {
                    return null;
                }
                next = node.isArray() ? element(node, segment) : node.isObject() ? node.get(segment) : null;
            }
            if (next == null || next.isMissingNode()) {
                return null;
            }
            if (end == path.length()) {
                return next;
            }
            // "a.b", "a[0]" and "a[0].b" all continue after the separator; "a[0]b" is not a path.
            if (path.charAt(end) == '.') {
                end++;
                if (end == path.length()) {
                    return null;
                }
            } else if (path.charAt(end) != '[') {
                return null;
            }
            node = next;
            path = path.substring(end);
        }
    }

    private static int segmentEnd(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.' || c == '[') {
                return i;
            }
        }
        return path.length();
    }

    private static JsonNode element(JsonNode array, String index) {
        if (!array.isArray() || index.isEmpty() || index.length() > 9 || !index.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return array.get(Integer.parseInt(index));
    }
}
