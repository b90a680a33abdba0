package dev.aftercall.server.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * When a {@code schedule_call} action's follow-up is due (seed 003): the extracted field named by
 * {@code use_field} when it holds a future ISO 8601 time, else now + {@code fallback_delay_minutes}. A value without
 * an offset is read in the outlet's time zone; a date alone means {@value #DEFAULT_HOUR}:00 that day there.
 */
public final class FollowUpTime {
    static final int DEFAULT_HOUR = 10;

    private FollowUpTime() {
    }

    /** The due time and, in words, where it came from. */
    public record Due(Instant at, String source) {
    }

    public static Due of(String useField, JsonNode value, long fallbackMinutes, ZoneId zone, Instant now) {
        Instant fallback = now.plus(Duration.ofMinutes(fallbackMinutes));
        String fallbackText = "fallback_delay_minutes (" + fallbackMinutes + ")";
        if (useField == null || useField.isBlank()) {
            return new Due(fallback, fallbackText);
        }
        if (value == null || value.isNull() || value.isMissingNode() || value.asText().isBlank()) {
            return new Due(fallback, fallbackText + ": " + useField + " has no value");
        }
        Instant parsed = parse(value.asText().strip(), zone);
        if (parsed == null) {
            return new Due(fallback, fallbackText + ": " + useField + " is not an ISO 8601 date or time");
        }
        if (parsed.isBefore(now)) {
            return new Due(fallback, fallbackText + ": " + useField + " (" + parsed + ") is in the past");
        }
        return new Due(parsed, "use_field " + useField);
    }

    static Instant parse(String text, ZoneId zone) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            // try the forms without an offset
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException notLocal) {
            // try a date alone
        }
        try {
            return LocalDate.parse(text).atTime(LocalTime.of(DEFAULT_HOUR, 0)).atZone(zone).toInstant();
        } catch (DateTimeParseException notDate) {
            return null;
        }
    }
}
