package dev.aftercall.engine.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns an answer (the model's, or the voice platform's) into the field's type: {@code "42"} → {@code 42} for an
 * integer, {@code "yes"} → {@code true}, {@code "HIGH"} → {@code "high"} for an enum, "tomorrow at 5 pm" → an ISO
 * date-time in the reference's zone. What does not fit becomes null with a reason the user can read, because a
 * wrong typed value would mislead the actions and destinations that consume it.
 */
public final class ValueCoercion {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Date-times are written with seconds and offset, the form every ISO 8601 reader accepts. */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private ValueCoercion() {
    }

    /**
     * Coerces a raw answer to the field's type.
     *
     * @param raw       the answer; null, JSON null or missing give a null value
     * @param reference the call's end in the outlet's zone: relative dates resolve against it and date-times are
     *                  written in its zone; may be null, then only absolute dates are accepted
     * @param source    recorded on the result ({@link ExtractedValue#LLM}, {@link ExtractedValue#PLATFORM}, ...)
     */
    public static ExtractedValue coerce(ExtractionField field, JsonNode raw, ZonedDateTime reference, String source) {
        String type = field.type().wireName();
        if (raw == null || raw.isNull() || raw.isMissingNode()
                || raw.isTextual() && (raw.asText().isBlank() || raw.asText().trim().equalsIgnoreCase("null"))) {
            return ExtractedValue.missing(type, source, "not stated in the call");
        }
        if (raw.isContainerNode()) {
            return ExtractedValue.missing(type, source, "expected " + article(type) + ", got "
                    + (raw.isArray() ? "a list" : "an object"));
        }
        Result result = switch (field.type()) {
            case STRING -> Result.of(JSON.textNode(raw.asText().trim()));
            case NUMBER, INTEGER, FLOAT -> number(field.type(), raw);
            case BOOLEAN -> bool(raw);
            case ENUM -> choice(field.enumValues(), raw.asText());
            case DATE -> date(raw, reference);
            case TIME -> time(raw, reference);
            case EMAIL -> email(raw.asText());
        };
        return new ExtractedValue(result.value(), type, source, result.reason(), null);
    }

    /** A coerced value, or null and why. */
    private record Result(JsonNode value, String reason) {
        static Result of(JsonNode value) {
            return new Result(value, null);
        }

        static Result fail(String reason) {
            return new Result(null, reason);
        }
    }

    private static Result number(FieldType type, JsonNode raw) {
        Optional<BigDecimal> parsed = raw.isNumber() ? Optional.of(raw.decimalValue())
                : raw.isBoolean() ? Optional.empty() : NumberWords.parse(raw.asText());
        if (parsed.isEmpty()) {
            return Result.fail("'" + raw.asText() + "' is not a number");
        }
        BigDecimal number = parsed.get();
        boolean whole = number.stripTrailingZeros().scale() <= 0;
        if (type == FieldType.INTEGER && !whole) {
            return Result.fail("'" + raw.asText() + "' is not a whole number");
        }
        return Result.of(typedNumber(type, number));
    }

    /** Whole numbers as JSON integers (except for float fields), others as doubles. */
    static JsonNode typedNumber(FieldType type, BigDecimal number) {
        boolean whole = number.stripTrailingZeros().scale() <= 0;
        if (type == FieldType.FLOAT || !whole) {
            return JSON.numberNode(number.doubleValue());
        }
        try {
            return JSON.numberNode(number.longValueExact());
        } catch (ArithmeticException tooLarge) {
            return JSON.numberNode(number.toBigIntegerExact());
        }
    }

    private static Result bool(JsonNode raw) {
        if (raw.isBoolean()) {
            return Result.of(raw);
        }
        Optional<Boolean> answer = raw.isNumber()
                ? YesNo.parse(raw.asText().replaceFirst("\\.0+$", ""))
                : YesNo.parse(raw.asText());
        return answer.map(value -> Result.of(JSON.booleanNode(value)))
                .orElseGet(() -> Result.fail("'" + raw.asText() + "' is not a yes or no"));
    }

    private static Result choice(List<String> allowed, String text) {
        if (allowed.isEmpty()) {
            return new Result(JSON.textNode(text.trim()), "the field lists no allowed values; kept as given");
        }
        String wanted = comparable(text);
        for (String value : allowed) {
            if (comparable(value).equals(wanted)) {
                return Result.of(JSON.textNode(value));
            }
        }
        return Result.fail("'" + text.trim() + "' is not one of " + String.join(", ", allowed));
    }

    /** "Not Interested", "not_interested" and "not-interested" name the same value. */
    static String comparable(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", " ").replaceAll("^[\"']|[\"'.]$", "");
    }

    private static Result date(JsonNode raw, ZonedDateTime reference) {
        if (!raw.isTextual()) {
            return Result.fail("expected a date, got " + raw.asText());
        }
        String text = raw.asText().trim();
        Optional<String> iso = isoDate(text, reference);
        if (iso.isPresent()) {
            return Result.of(JSON.textNode(iso.get()));
        }
        if (reference == null) {
            return Result.fail("'" + text + "' is not an ISO 8601 date");
        }
        return NaturalDates.find(text, reference).stream().findFirst()
                .map(found -> Result.of(JSON.textNode(format(found))))
                .orElseGet(() -> Result.fail("'" + text + "' is not a date"));
    }

    /** A date alone when no time was said, else a date-time in the reference's zone. */
    static String format(NaturalDates.Found found) {
        return found.timeGiven() ? DATE_TIME.format(found.at()) : found.at().toLocalDate().toString();
    }

    /** ISO 8601 text, normalised: offset date-times move to the reference's zone, local ones are taken in it. */
    private static Optional<String> isoDate(String text, ZonedDateTime reference) {
        try {
            return Optional.of(LocalDate.parse(text).toString());
        } catch (DateTimeParseException notADate) {
            // try the date-time forms below
        }
        try {
            OffsetDateTime at = OffsetDateTime.parse(text);
            return Optional.of(DATE_TIME.format(reference == null ? at
                    : at.atZoneSameInstant(reference.getZone()).toOffsetDateTime()));
        } catch (DateTimeParseException notOffset) {
            // try a local date-time
        }
        try {
            LocalDateTime local = LocalDateTime.parse(text.replace(' ', 'T'));
            return reference == null ? Optional.of(local.truncatedTo(ChronoUnit.SECONDS).toString())
                    : Optional.of(DATE_TIME.format(local.atZone(reference.getZone())));
        } catch (DateTimeParseException notLocal) {
            return Optional.empty();
        }
    }

    private static Result time(JsonNode raw, ZonedDateTime reference) {
        String text = raw.asText().trim();
        try {
            return Result.of(JSON.textNode(LocalTime.parse(text).truncatedTo(ChronoUnit.MINUTES).toString()));
        } catch (DateTimeParseException notLocal) {
            // try the forms below
        }
        try {
            OffsetTime at = OffsetTime.parse(text);
            LocalTime local = reference == null ? at.toLocalTime()
                    : at.withOffsetSameInstant(reference.getOffset()).toLocalTime();
            return Result.of(JSON.textNode(local.truncatedTo(ChronoUnit.MINUTES).toString()));
        } catch (DateTimeParseException notOffset) {
            // try words
        }
        Optional<String> iso = isoDate(text, reference);
        if (iso.isPresent() && iso.get().contains("T")) {
            return Result.of(JSON.textNode(iso.get().substring(11, 16)));
        }
        ZonedDateTime base = reference != null ? reference : ZonedDateTime.now(ZoneOffset.UTC);
        return NaturalDates.find(text, base).stream().filter(NaturalDates.Found::timeGiven).findFirst()
                .map(found -> Result.of(JSON.textNode(found.at().toLocalTime().toString())))
                .orElseGet(() -> Result.fail("'" + text + "' is not a time of day"));
    }

    private static Result email(String text) {
        return Emails.normalise(text).map(address -> Result.of(JSON.textNode(address)))
                .orElseGet(() -> Result.fail("'" + text.trim() + "' is not an email address"));
    }

    private static String article(String type) {
        return switch (type) {
            case "integer", "enum", "email" -> "an " + type;
            case "string" -> "text";
            default -> "a " + type;
        };
    }
}
