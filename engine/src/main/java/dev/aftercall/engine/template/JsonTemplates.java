package dev.aftercall.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Templates inside a JSON document such as a request body. Substituting into the tree rather than into the
 * serialized text is what keeps the output valid JSON: a value with quotes or newlines is escaped by the
 * serializer, and a string that is exactly {@code "{{n}}"} takes the JSON type of {@code n}.
 */
public final class JsonTemplates {
    private JsonTemplates() {
    }

    /**
     * Returns a new tree with every string value rendered by {@link Template#renderValue} and every object key by
     * {@link Template#renderText}; numbers, booleans and nulls are copied. Throws {@link TemplateException} for a
     * string that does not parse; {@link #check} reports those at save time.
     */
    public static JsonNode render(JsonNode tree, VariableLookup vars, Render render) {
        if (tree == null) {
            return null;
        }
        if (tree.isTextual()) {
            return Template.cached(tree.textValue()).renderValue(vars, render);
        }
        if (tree.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(tree.size());
            for (JsonNode element : tree) {
                out.add(render(element, vars, render));
            }
            return out;
        }
        if (tree.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : tree.properties()) {
                String key = Template.cached(field.getKey()).renderText(vars, render);
                out.set(key, render(field.getValue(), vars, render));
            }
            return out;
        }
        return tree.deepCopy();
    }

    /** Same as {@link #check(JsonNode, String)} with paths that start at the first key, e.g. {@code "subject"}. */
    public static List<String> check(JsonNode tree) {
        return check(tree, "");
    }

    /**
     * One problem per string or key that does not parse, as {@code "<path>: <message>"}, for example
     * {@code "body.subject: unclosed '{{' at column 7"} or {@code "body.to[1]: ..."}; empty when all parse.
     */
    public static List<String> check(JsonNode tree, String rootName) {
        List<String> problems = new ArrayList<>();
        check(tree, rootName == null ? "" : rootName, problems);
        return problems;
    }

    private static void check(JsonNode node, String path, List<String> problems) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            problemIn(node.textValue(), path, problems);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]", problems);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                problemIn(field.getKey(), childPath, problems);
                check(field.getValue(), childPath, problems);
            }
        }
    }

    private static void problemIn(String text, String path, List<String> problems) {
        try {
            Template.cached(text);
        } catch (TemplateException e) {
            problems.add(path.isEmpty() ? e.getMessage() : path + ": " + e.getMessage());
        }
    }

    /** Every placeholder name in values and keys, in document order, each once. Unparseable strings are skipped. */
    public static List<String> placeholders(JsonNode tree) {
        Set<String> names = new LinkedHashSet<>();
        collect(tree, names);
        return List.copyOf(names);
    }

    private static void collect(JsonNode node, Set<String> names) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            collectFrom(node.textValue(), names);
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, names));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collectFrom(field.getKey(), names);
                collect(field.getValue(), names);
            }
        }
    }

    private static void collectFrom(String text, Set<String> names) {
        try {
            names.addAll(Template.cached(text).placeholders());
        } catch (TemplateException e) {
            // check() is where broken templates are reported; here they simply contribute no names.
        }
    }
}
