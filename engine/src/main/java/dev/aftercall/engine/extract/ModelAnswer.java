package dev.aftercall.engine.extract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.extract.SchemaViolation.Problem;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A model's answer read against the fields: the coerced values (source {@code llm}) and what did not fit.
 * Fields read before a truncation or syntax error are kept, so a cut-off answer still yields what it completed.
 *
 * @param result     every field, in the fields' order; misfits are null with a reason
 * @param violations what to tell the model in a repair request
 */
public record ModelAnswer(ExtractionResult result, List<SchemaViolation> violations) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ModelAnswer {
        violations = List.copyOf(violations);
    }

    /** Whether one repair request is worth sending: an extra field alone is not. */
    public boolean needsRepair() {
        return violations.stream().anyMatch(v -> v.problem() != Problem.UNEXPECTED_FIELD);
    }

    /**
     * Combines this answer with the answer to the repair request: the repaired value where it has one, else this
     * answer's, so a repair that breaks a field already right does not lose it. Violations are the repair's.
     */
    public ModelAnswer withRepair(ModelAnswer repaired) {
        Map<String, ExtractedValue> values = new LinkedHashMap<>();
        result.values().forEach((name, first) -> {
            ExtractedValue second = repaired.result().get(name);
            values.put(name, second != null && (!second.isNull() || first.isNull()) ? second : first);
        });
        return new ModelAnswer(new ExtractionResult(values), repaired.violations());
    }

    static ModelAnswer parse(String modelText, List<ExtractionField> fields, ZonedDateTime reference) {
        List<SchemaViolation> violations = new ArrayList<>();
        String text = unwrap(modelText == null ? "" : modelText);
        JsonNode answer;
        String unreadable = null;
        try {
            answer = text.isEmpty() ? null : MAPPER.readTree(text);
            if (answer == null) {
                unreadable = "the model gave an empty answer";
                violations.add(new SchemaViolation(null, Problem.MALFORMED_JSON, "The answer was empty."));
                answer = JsonNodeFactory.instance.objectNode();
            }
        } catch (JsonEOFException cutOff) {
            unreadable = "the model's answer was cut off before this field";
            violations.add(new SchemaViolation(null, Problem.TRUNCATED_JSON,
                    "The answer was cut off before the JSON object closed."));
            answer = salvage(text, true);
        } catch (IOException malformed) {
            unreadable = "the model's answer was not valid JSON";
            violations.add(new SchemaViolation(null, Problem.MALFORMED_JSON,
                    "The answer is not valid JSON: " + firstLine(malformed.getMessage())));
            answer = salvage(text, false);
        }
        if (!answer.isObject()) {
            unreadable = "the model's answer was not a JSON object";
            violations.add(new SchemaViolation(null, Problem.NOT_AN_OBJECT, "The answer must be one JSON object "
                    + "with the fields " + fields.stream().map(ExtractionField::name).collect(Collectors.joining(", "))
                    + "."));
            answer = JsonNodeFactory.instance.objectNode();
        }
        Map<String, ExtractedValue> values = new LinkedHashMap<>();
        for (ExtractionField field : fields) {
            values.put(field.name(), read(field, answer, reference, unreadable, violations));
        }
        Set<String> known = fields.stream().map(ExtractionField::name).collect(Collectors.toSet());
        answer.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                violations.add(new SchemaViolation(name, Problem.UNEXPECTED_FIELD,
                        "Field '" + name + "' is not in the schema; leave it out."));
            }
        });
        return new ModelAnswer(new ExtractionResult(values), violations);
    }

    private static ExtractedValue read(ExtractionField field, JsonNode answer, ZonedDateTime reference,
            String unreadable, List<SchemaViolation> violations) {
        String type = field.type().wireName();
        JsonNode raw = answer.get(field.name());
        if (raw == null) {
            if (unreadable != null) {
                return ExtractedValue.missing(type, ExtractedValue.LLM, unreadable);
            }
            violations.add(new SchemaViolation(field.name(), Problem.MISSING_FIELD,
                    "Field '" + field.name() + "' is missing; give it, null if the transcript does not say."));
            return ExtractedValue.missing(type, ExtractedValue.LLM, "the model's answer left this field out");
        }
        ExtractedValue value = ValueCoercion.coerce(field, raw, reference, ExtractedValue.LLM);
        if (value.isNull() && !raw.isNull() && !(raw.isTextual() && raw.asText().isBlank())) {
            violations.add(new SchemaViolation(field.name(), Problem.WRONG_TYPE,
                    "Field '" + field.name() + "': " + value.reason() + "; expected " + expected(field) + "."));
        }
        return value;
    }

    private static String expected(ExtractionField field) {
        return switch (field.type()) {
            case ENUM -> field.enumValues().isEmpty() ? "text" : "one of " + String.join(", ", field.enumValues())
                    + " or null";
            case DATE -> "an ISO 8601 date or date-time, or null";
            case TIME -> "a 24-hour time HH:MM, or null";
            case BOOLEAN -> "true, false or null";
            case INTEGER -> "a whole JSON number or null";
            case NUMBER, FLOAT -> "a JSON number or null";
            case EMAIL -> "an email address or null";
            case STRING -> "text or null";
        };
    }

    /** Models wrap JSON in code fences or prose; the object is what counts. */
    private static String unwrap(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("```")) {
            int newline = trimmed.indexOf('\n');
            trimmed = newline < 0 ? "" : trimmed.substring(newline + 1);
            int fence = trimmed.lastIndexOf("```");
            trimmed = (fence < 0 ? trimmed : trimmed.substring(0, fence)).strip();
        }
        int open = trimmed.indexOf('{');
        if (open > 0 && !trimmed.startsWith("[") && !trimmed.startsWith("\"")) {
            int close = trimmed.lastIndexOf('}');
            trimmed = close > open ? trimmed.substring(open, close + 1) : trimmed.substring(open);
        }
        return trimmed;
    }

    /** The complete top-level fields before the point where the JSON broke. */
    private static JsonNode salvage(String text, boolean cutOff) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        String last = null;
        try (JsonParser parser = MAPPER.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return fields;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                fields.set(name, MAPPER.readTree(parser));
                last = name;
            }
        } catch (IOException broken) {
            // A number right before the cut may itself be cut ("12" of "120"): drop it rather than trust it.
            JsonNode lastValue = last == null ? null : fields.get(last);
            if (cutOff && lastValue != null && lastValue.isNumber() && text.strip().endsWith(lastValue.asText())) {
                fields.remove(last);
            }
        }
        return fields;
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.replaceAll("\\s*\\(for .*\\)$", "");
    }
}
