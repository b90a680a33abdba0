package dev.aftercall.server.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.api.ApiException;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A finished call as a voice platform posts it. Checks the fields Aftercall reads, leaves any others alone, and
 * normalises the document so that {@code call_id} is always set (platforms that send {@code callSid} get it copied).
 */
public final class CallDocument {
    public static final int MAX_CALL_ID_LENGTH = 255;
    private static final List<String> TEXT_FIELDS = List.of("hangup_reason", "user_phone_number",
            "agent_phone_number", "recordingUrl", "summary", "disposition", "interaction_modality");
    private static final List<String> ID_FIELDS = List.of("agent", "userId");
    private static final List<String> OBJECT_FIELDS = List.of("call_metadata", "post_call");

    private final ObjectNode document;

    private CallDocument(ObjectNode document) {
        this.document = document;
    }

    /** Validates {@code body}; every problem is a 400 naming the field. */
    public static CallDocument of(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw ApiException.badRequest("request body is empty: post the call as a JSON object", null);
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("the call must be a JSON object", null);
        }
        ObjectNode document = ((ObjectNode) body).deepCopy();
        document.put("call_id", callIdOf(document));
        TEXT_FIELDS.forEach(field -> requireText(document, field));
        ID_FIELDS.forEach(field -> requireTextOrNumber(document, field));
        OBJECT_FIELDS.forEach(field -> requireObject(document, field));
        requireDuration(document);
        requireTranscript(document);
        requireTimestamp(document, "ended_at");
        return new CallDocument(document);
    }

    public String callId() {
        return document.get("call_id").asText();
    }

    /** The agent the call was handled by, as text; null when not given. */
    public String agent() {
        JsonNode agent = document.get("agent");
        return present(agent) ? agent.asText() : null;
    }

    public ObjectNode json() {
        return document;
    }

    private static String callIdOf(ObjectNode document) {
        JsonNode id = present(document.get("call_id")) ? document.get("call_id") : document.get("callSid");
        String field = present(document.get("call_id")) ? "call_id" : "callSid";
        if (!present(id)) {
            throw ApiException.badRequest("call_id is required (callSid is accepted too)", "call_id");
        }
        if (!id.isTextual() && !id.isIntegralNumber()) {
            throw ApiException.badRequest(field + " must be a string", field);
        }
        String text = id.asText().strip();
        if (text.isEmpty()) {
            throw ApiException.badRequest(field + " must not be empty", field);
        }
        if (text.length() > MAX_CALL_ID_LENGTH) {
            throw ApiException.badRequest(field + " is longer than " + MAX_CALL_ID_LENGTH + " characters", field);
        }
        return text;
    }

    private static void requireText(ObjectNode document, String field) {
        JsonNode value = document.get(field);
        if (present(value) && !value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string", field);
        }
    }

    private static void requireTextOrNumber(ObjectNode document, String field) {
        JsonNode value = document.get(field);
        if (present(value) && !value.isTextual() && !value.isNumber()) {
            throw ApiException.badRequest(field + " must be a string or a number", field);
        }
    }

    private static void requireObject(ObjectNode document, String field) {
        JsonNode value = document.get(field);
        if (present(value) && !value.isObject()) {
            throw ApiException.badRequest(field + " must be a JSON object", field);
        }
    }

    private static void requireDuration(ObjectNode document) {
        JsonNode value = document.get("call_duration");
        if (present(value) && (!value.isNumber() || value.asDouble() < 0)) {
            throw ApiException.badRequest("call_duration must be a number of seconds >= 0", "call_duration");
        }
    }

    /** A transcript is plain text or a list of turns {@code {"role": ..., "content": ...}}. */
    private static void requireTranscript(ObjectNode document) {
        JsonNode transcript = document.get("transcript");
        if (!present(transcript) || transcript.isTextual()) {
            return;
        }
        if (!transcript.isArray()) {
            throw ApiException.badRequest("transcript must be a string or an array of {role, content} turns",
                    "transcript");
        }
        for (int i = 0; i < transcript.size(); i++) {
            JsonNode turn = transcript.get(i);
            String at = "transcript[" + i + "]";
            if (!turn.isObject()) {
                throw ApiException.badRequest(at + " must be an object {role, content}", at);
            }
            for (String part : List.of("role", "content")) {
                if (!turn.path(part).isTextual()) {
                    throw ApiException.badRequest(at + "." + part + " must be a string", at + "." + part);
                }
            }
        }
    }

    private static void requireTimestamp(ObjectNode document, String field) {
        JsonNode value = document.get(field);
        if (present(value) && !(value.isTextual() && isIsoTimestamp(value.asText()))) {
            throw ApiException.badRequest(field + " must be an ISO-8601 timestamp such as 2025-01-31T14:05:00Z",
                    field);
        }
    }

    private static boolean isIsoTimestamp(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull();
    }
}
