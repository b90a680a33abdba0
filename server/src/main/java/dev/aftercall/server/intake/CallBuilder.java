package dev.aftercall.server.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Builds a call document in Aftercall's format (seed 000's field names) from pieces of a platform payload, leaving
 * out whatever is absent, null, blank or of the wrong type, so the result always passes {@code CallDocument}'s
 * checks.
 */
final class CallBuilder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectNode call = JSON.objectNode();
    private final ObjectNode platform = JSON.objectNode();
    private final ArrayNode turns = JSON.arrayNode();

    CallBuilder(Platform from, String event) {
        platform.put("name", from.wireName());
        if (event != null) {
            platform.put("event", event);
        }
    }

    /** {@code call_id}, or the mapper's {@link PlatformMapper.UnusablePayload} naming {@code field}. */
    CallBuilder callId(JsonNode id, String field) {
        String text = text(id);
        if (text == null) {
            throw new PlatformMapper.UnusablePayload(field + " is required: the platform's call id", field);
        }
        call.put("call_id", text);
        return this;
    }

    CallBuilder text(String field, JsonNode value) {
        String text = text(value);
        if (text != null) {
            call.put(field, text);
        }
        return this;
    }

    CallBuilder text(String field, String value) {
        if (value != null && !value.isBlank()) {
            call.put(field, value);
        }
        return this;
    }

    /** {@code call_duration} in seconds, at most millisecond precision; negative values are left out. */
    CallBuilder durationSeconds(Double seconds) {
        if (seconds != null && seconds >= 0 && !seconds.isInfinite() && !seconds.isNaN()) {
            call.put("call_duration", BigDecimal.valueOf(seconds).setScale(3, RoundingMode.HALF_UP)
                    .stripTrailingZeros());
        }
        return this;
    }

    CallBuilder endedAt(Instant at) {
        if (at != null) {
            call.put("ended_at", at.toString());
        }
        return this;
    }

    /** One transcript turn; empty content is skipped. Roles are {@code agent} or {@code user}. */
    CallBuilder turn(String role, JsonNode content) {
        String text = text(content);
        if (text != null) {
            turns.addObject().put("role", role).put("content", text);
        }
        return this;
    }

    boolean hasTurns() {
        return !turns.isEmpty();
    }

    /** Copies every field of {@code values} (an object) into {@code call_metadata}; later copies win. */
    CallBuilder metadata(JsonNode values) {
        if (values instanceof ObjectNode object && !object.isEmpty()) {
            ObjectNode metadata = call.has("call_metadata") ? (ObjectNode) call.get("call_metadata")
                    : call.putObject("call_metadata");
            metadata.setAll(object.deepCopy());
        }
        return this;
    }

    /**
     * The platform's own post-call analysis as {@code post_call}, each value also in {@code post_call_detail} with
     * a comment naming where it came from, and {@code post_call_source: "platform"} so later stages (extraction)
     * know the values were given rather than extracted.
     */
    CallBuilder postCall(String field, JsonNode value, String comment) {
        if (value == null || value.isNull() || value.isMissingNode() || field == null) {
            return this;
        }
        ObjectNode postCall = call.has("post_call") ? (ObjectNode) call.get("post_call") : call.putObject("post_call");
        ObjectNode detail = call.has("post_call_detail") ? (ObjectNode) call.get("post_call_detail")
                : call.putObject("post_call_detail");
        postCall.set(field, value.deepCopy());
        detail.putObject(field).<ObjectNode>set("value", value.deepCopy()).put("comment", comment);
        call.put("post_call_source", "platform");
        return this;
    }

    CallBuilder postCalls(JsonNode values, String comment) {
        if (values instanceof ObjectNode object) {
            object.properties().forEach(e -> postCall(e.getKey(), e.getValue(), comment));
        }
        return this;
    }

    /** A platform-specific value kept under {@code platform.*} (the call detail shows it; flows do not read it). */
    CallBuilder extra(String field, JsonNode value) {
        if (value != null && !value.isNull() && !value.isMissingNode()) {
            platform.set(field, value.deepCopy());
        }
        return this;
    }

    ObjectNode build() {
        if (!turns.isEmpty()) {
            call.set("transcript", turns);
        }
        call.put("interaction_modality", "voice");
        call.set("platform", platform);
        return call;
    }

    /** Text of a string or number; null for anything else or blank. */
    static String text(JsonNode value) {
        if (value == null || !(value.isTextual() || value.isNumber())) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    static Double number(JsonNode value) {
        if (value != null && value.isNumber()) {
            return value.asDouble();
        }
        if (value != null && value.isTextual()) {
            try {
                return Double.parseDouble(value.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Instant epochMillis(JsonNode value) {
        Double millis = number(value);
        return millis == null || millis <= 0 ? null : Instant.ofEpochMilli(millis.longValue());
    }

    /** An ISO-8601 timestamp with offset (or {@code Z}); null when absent or unreadable. */
    static Instant timestamp(JsonNode value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                // Bland writes "2024-05-02 18:49:10+00" style timestamps too.
                return OffsetDateTime.parse(text.replace(' ', 'T').replaceAll("([+-]\\d{2})$", "$1:00"))
                        .toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
