package dev.aftercall.engine.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One variable to extract from a call: seed 003's extraction field ({@code name}, {@code type},
 * {@code description}) and seed 004's variable ({@code var_name}, {@code var_type}, {@code description}) are two
 * views of this record. The description guides the extractor ("write it like you'd describe the field to a new
 * analyst", seed 003).
 *
 * @param values allowed values of an {@code enum} field; may be null, then {@link #enumValues()} reads them from
 *               the description
 */
public record ExtractionField(String name, FieldType type, String description, List<String> values) {
    /** A parenthesised list inside prose: "Interest level (high, medium, low)". */
    private static final Pattern PARENTHESISED = Pattern.compile("\\(([^()]*[,|/][^()]*)\\)");
    /** Prose that introduces the list: "One of: hot, warm or cold". */
    private static final Pattern INTRODUCED = Pattern.compile(
            "(?i)\\b(?:one of|either|values?|options?|choose from|any of|possible values(?: are)?)\\b\\s*:?\\s*(.*)");
    private static final Pattern SEPARATOR = Pattern.compile("\\s*(?:,|\\||/|;|\\bor\\b|\\band\\b)\\s*",
            Pattern.CASE_INSENSITIVE);

    public ExtractionField {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: a variable needs a name");
        }
        if (type == null) {
            throw new IllegalArgumentException("type: variable '" + name + "' needs a type; allowed: "
                    + FieldType.allowed());
        }
        values = values == null ? null : List.copyOf(values);
    }

    public ExtractionField(String name, FieldType type, String description) {
        this(name, type, description, null);
    }

    /** Builds a field from type text as the API receives it. */
    public static ExtractionField of(String name, String type, String description) {
        return new ExtractionField(name, FieldType.parse(type), description, null);
    }

    /**
     * Reads either seed's JSON shape unchanged: {@code {"name", "type", "description", "values"?}} or
     * {@code {"var_name", "var_type", "description", ...}}; other keys (ids, destinations) are ignored here.
     */
    public static ExtractionField fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a variable must be a JSON object");
        }
        boolean seed004 = json.has("var_name") || json.has("var_type");
        String nameKey = seed004 ? "var_name" : "name";
        String typeKey = seed004 ? "var_type" : "type";
        String name = json.path(nameKey).asText("");
        if (name.isBlank()) {
            throw new IllegalArgumentException(nameKey + ": a variable needs a name");
        }
        FieldType type;
        try {
            type = FieldType.parse(json.path(typeKey).asText(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(typeKey + " of '" + name + "': " + e.getMessage(), e);
        }
        JsonNode description = json.get("description");
        List<String> values = null;
        if (json.path("values").isArray()) {
            values = new ArrayList<>();
            for (JsonNode value : json.get("values")) {
                values.add(value.asText());
            }
        }
        return new ExtractionField(name, type,
                description == null || description.isNull() ? null : description.asText(), values);
    }

    /** Reads a JSON array of fields in either seed's shape, keeping their order. */
    public static List<ExtractionField> listFromJson(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("variables must be a JSON array");
        }
        List<ExtractionField> fields = new ArrayList<>();
        for (JsonNode item : array) {
            fields.add(fromJson(item));
        }
        return fields;
    }

    /**
     * The allowed values of an enum field: {@link #values()} when given, else the list in the description
     * ("high, medium, low, none", "one of: hot, warm or cold", "a | b | c"); empty when neither holds a list.
     */
    public List<String> enumValues() {
        if (values != null && !values.isEmpty()) {
            return values;
        }
        return description == null ? List.of() : listIn(description);
    }

    private static List<String> listIn(String description) {
        String text = description.trim();
        Matcher parenthesised = PARENTHESISED.matcher(text);
        Matcher introduced = INTRODUCED.matcher(text);
        if (parenthesised.find()) {
            text = parenthesised.group(1);
        } else if (introduced.find()) {
            text = introduced.group(1);
        } else if (text.contains(":")) {
            text = text.substring(text.lastIndexOf(':') + 1);
        }
        text = text.replaceAll("[.\\s]+$", "");
        List<String> items = new ArrayList<>();
        for (String part : SEPARATOR.split(text)) {
            String item = part.trim().replaceAll("^(?i)(?:and|or)\\s+", "").replaceAll("^[\"'`]+|[\"'`]+$", "");
            if (item.isEmpty()) {
                continue;
            }
            // More than three words is a sentence, not a value: the description is prose, not a list.
            if (item.split("\\s+").length > 3) {
                return List.of();
            }
            if (items.stream().noneMatch(existing -> existing.equalsIgnoreCase(item))) {
                items.add(item);
            }
        }
        return items.size() < 2 ? List.of() : List.copyOf(items);
    }

    /** The field's words (name and description), lower case, for hint matching. */
    String words() {
        return (name.replaceAll("[_\\-.]+", " ") + " " + (description == null ? "" : description))
                .toLowerCase(Locale.ROOT);
    }
}
