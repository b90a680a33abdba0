package dev.aftercall.server.editor;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One setting of a node type as the editor's side panel renders it, in the manner of n8n's node properties: the
 * document field it edits ({@code name}), how to edit it ({@code kind}), and hints for the form. The panel is
 * generated from these descriptions, so a field added here shows up in the editor without new UI code.
 *
 * <p>Kinds: {@code text} (one line, {@code {{variable}}} completion when {@code template}), {@code options},
 * {@code number}, {@code boolean}, {@code keyValue} (rows of name and value), {@code json} (a CodeMirror JSON
 * editor), {@code authProfile} (a picker over the outlet's auth profiles), {@code collection} (a group of nested
 * {@code properties} stored as one object), {@code branches} (a decision node's condition groups).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeProperty(
        String name,
        String label,
        String kind,
        String description,
        String placeholder,
        Object defaultValue,
        Boolean template,
        Boolean required,
        List<String> options,
        String keyLabel,
        String valueLabel,
        String keyPlaceholder,
        String valuePlaceholder,
        /** What one row is called, for "Add header". */
        String itemLabel,
        /** Value rows hold JSON values (numbers and booleans stay typed), not only text. */
        Boolean jsonValues,
        /** Shown only while another field of the node has one of the listed values. */
        Map<String, List<String>> showWhen,
        List<NodeProperty> properties) {

    static Builder of(String name, String label, String kind) {
        return new Builder(name, label, kind);
    }

    /** Keeps the catalogue readable: only the hints a property needs are spelled out. */
    static final class Builder {
        private final String name;
        private final String label;
        private final String kind;
        private String description;
        private String placeholder;
        private Object defaultValue;
        private Boolean template;
        private Boolean required;
        private List<String> options;
        private String keyLabel;
        private String valueLabel;
        private String keyPlaceholder;
        private String valuePlaceholder;
        private String itemLabel;
        private Boolean jsonValues;
        private Map<String, List<String>> showWhen;
        private List<NodeProperty> properties;

        private Builder(String name, String label, String kind) {
            this.name = name;
            this.label = label;
            this.kind = kind;
        }

        Builder description(String text) {
            this.description = text;
            return this;
        }

        Builder placeholder(String text) {
            this.placeholder = text;
            return this;
        }

        Builder defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        Builder template() {
            this.template = true;
            return this;
        }

        Builder required() {
            this.required = true;
            return this;
        }

        Builder options(List<String> values) {
            this.options = values;
            return this;
        }

        Builder rows(String keyLabel, String keyPlaceholder, String valueLabel, String valuePlaceholder) {
            this.keyLabel = keyLabel;
            this.keyPlaceholder = keyPlaceholder;
            this.valueLabel = valueLabel;
            this.valuePlaceholder = valuePlaceholder;
            return this;
        }

        Builder item(String label) {
            this.itemLabel = label;
            return this;
        }

        Builder jsonValues() {
            this.jsonValues = true;
            return this;
        }

        Builder showWhen(String field, List<String> values) {
            this.showWhen = Map.of(field, values);
            return this;
        }

        Builder properties(NodeProperty... nested) {
            this.properties = List.of(nested);
            return this;
        }

        NodeProperty build() {
            return new NodeProperty(name, label, kind, description, placeholder, defaultValue, template, required,
                    options, keyLabel, valueLabel, keyPlaceholder, valuePlaceholder, itemLabel, jsonValues, showWhen,
                    properties);
        }
    }
}
