package dev.aftercall.engine.extract;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * What one extraction request to a language model needs: a JSON Schema for structured output (the draft 2020-12
 * subset OpenAI's strict mode accepts: every field required, nullable as {@code ["type", "null"]}, no additional
 * properties), a system prompt that turns the field descriptions into guidance, and the transcript as the user
 * message. The server sends it (quarkus-langchain4j, OpenAI-compatible), reads the reply with
 * {@link #parseAnswer}, and sends at most one {@link #repairMessage} when the reply does not fit.
 *
 * @param schema the JSON Schema of the answer
 * @param system the system prompt
 * @param user   the user message: the transcript
 */
public record ExtractionPrompt(ObjectNode schema, String system, String user) {
    /** The schema's name in an OpenAI {@code response_format}. */
    public static final String SCHEMA_NAME = "post_call_variables";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * Builds the request for one call.
     *
     * @param reference the call's end in the outlet's time zone, for relative dates
     */
    public static ExtractionPrompt build(List<ExtractionField> fields, Transcript transcript,
            ZonedDateTime reference) {
        return new ExtractionPrompt(schema(fields), systemPrompt(fields, reference), userMessage(transcript));
    }

    /** OpenAI's {@code response_format} for this request: {@code {"type": "json_schema", "json_schema": ...}}. */
    public ObjectNode responseFormat() {
        ObjectNode format = JSON.objectNode().put("type", "json_schema");
        format.putObject("json_schema").put("name", SCHEMA_NAME).put("strict", true).set("schema", schema.deepCopy());
        return format;
    }

    /** The answer's JSON Schema: one nullable property per field, all required, nothing else allowed. */
    public static ObjectNode schema(List<ExtractionField> fields) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (ExtractionField field : fields) {
            properties.set(field.name(), property(field));
            required.add(field.name());
        }
        schema.set("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode property(ExtractionField field) {
        ObjectNode property = JSON.objectNode();
        property.putArray("type").add(jsonType(field.type())).add("null");
        List<String> allowed = field.enumValues();
        if (field.type() == FieldType.ENUM && !allowed.isEmpty()) {
            ArrayNode values = property.putArray("enum");
            allowed.forEach(values::add);
            // Strict mode checks the value against "enum" too, so null must be listed for a nullable enum.
            values.addNull();
        }
        if (field.type() == FieldType.EMAIL) {
            property.put("format", "email");
        }
        property.put("description", description(field));
        return property;
    }

    private static String jsonType(FieldType type) {
        return switch (type) {
            case NUMBER, FLOAT -> "number";
            case INTEGER -> "integer";
            case BOOLEAN -> "boolean";
            case STRING, ENUM, DATE, TIME, EMAIL -> "string";
        };
    }

    /** The user's description, plus the form the value must take when the JSON type does not say it. */
    private static String description(ExtractionField field) {
        String given = field.description() == null || field.description().isBlank() ? field.name()
                : field.description().strip();
        String form = switch (field.type()) {
            case DATE -> "ISO 8601 date YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS with UTC offset when a time is said.";
            case TIME -> "24-hour time HH:MM.";
            case EMAIL -> "Email address, written out.";
            case INTEGER -> "Whole number.";
            default -> null;
        };
        if (form == null) {
            return given;
        }
        return given + (given.matches(".*[.!?]$") ? " " : ". ") + form;
    }

    /**
     * The system prompt: the fields with their descriptions as guidance, the extraction rules, and the call's end
     * time and zone so the model resolves "tomorrow at 5 pm" as the embedded extractor would.
     */
    public static String systemPrompt(List<ExtractionField> fields, ZonedDateTime reference) {
        StringBuilder prompt = new StringBuilder();
        prompt.append("You extract variables from the transcript of a phone call between a voice AI agent and a ")
                .append("customer. Reply with one JSON object that matches the JSON schema: every field present, ")
                .append("no other fields.\n\nFields:\n");
        for (ExtractionField field : fields) {
            prompt.append("- ").append(field.name()).append(" (").append(typeText(field)).append(")");
            // An enum's description that is just its list of values would only repeat "one of: ...".
            boolean onlyValues = field.type() == FieldType.ENUM && field.description() != null
                    && field.description().replaceAll("[^\\p{L}\\p{N}]+", " ").strip()
                            .equalsIgnoreCase(String.join(" ", field.enumValues()));
            if (field.description() != null && !field.description().isBlank() && !onlyValues) {
                prompt.append(": ").append(field.description().strip());
            }
            prompt.append('\n');
        }
        prompt.append("\nRules:\n")
                .append("- Use only what the transcript says. When it does not say, answer null; never guess.\n")
                .append("- Prefer what the customer says; when they correct themselves, use the correction.\n")
                .append("- Numbers and booleans are JSON numbers and true/false, not text.\n")
                .append("- Write spoken emails and phone numbers out: \"asha dot rao at example dot com\" is ")
                .append("asha.rao@example.com; phone numbers as digits, with + and country code only if said.\n");
        if (reference != null) {
            prompt.append("- The call ended at ").append(ValueCoercion.DATE_TIME.format(reference))
                    .append(" (time zone ").append(reference.getZone().getId()).append("). Resolve relative dates ")
                    .append("and times (\"tomorrow at 5 pm\", \"next Monday\", \"in two hours\") against that moment, ")
                    .append("in that time zone.\n");
        }
        prompt.append("- Dates: ISO 8601 YYYY-MM-DD; when a time is said as well, YYYY-MM-DDTHH:MM:SS with the ")
                .append("time zone's UTC offset. Times: 24-hour HH:MM.\n");
        return prompt.toString();
    }

    private static String typeText(ExtractionField field) {
        if (field.type() == FieldType.ENUM && !field.enumValues().isEmpty()) {
            return "one of: " + String.join(", ", field.enumValues());
        }
        return field.type().wireName();
    }

    /** The user message: the transcript, one "role: content" line per turn. */
    public static String userMessage(Transcript transcript) {
        return "Transcript of the call:\n\n" + transcript.text();
    }

    /**
     * Reads the model's reply: strips code fences and prose, parses the JSON object (keeping the fields completed
     * before a truncation or syntax error), coerces each value to its field's type and lists what did not fit.
     */
    public static ModelAnswer parseAnswer(String modelText, List<ExtractionField> fields, ZonedDateTime reference) {
        return ModelAnswer.parse(modelText, fields, reference);
    }

    /** The one follow-up message asking the model to fix its reply, listing each violation. */
    public static String repairMessage(List<SchemaViolation> violations) {
        StringBuilder message = new StringBuilder("Your previous answer did not fit the JSON schema:\n");
        for (SchemaViolation violation : violations) {
            message.append("- ").append(violation.message()).append('\n');
        }
        return message.append("Reply again with only the corrected JSON object: every field present, no other ")
                .append("fields, null where the transcript does not say.").toString();
    }
}
