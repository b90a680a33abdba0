package dev.aftercall.engine.extract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The type of a variable to extract, as seeds 003 and 004 name it ({@code string}, {@code number}, {@code boolean},
 * {@code enum}, {@code integer}, {@code float}, {@code date}, {@code time}, {@code email}).
 */
public enum FieldType {
    STRING,
    NUMBER,
    INTEGER,
    FLOAT,
    BOOLEAN,
    ENUM,
    /** An ISO 8601 date ({@code 2026-11-23}), or a date-time with offset when a time was stated. */
    DATE,
    /** A local time of day, {@code HH:mm} (24-hour). */
    TIME,
    EMAIL;

    /** The lower-case name the seeds and the API use. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a type name case-insensitively; also accepts the aliases people type ({@code int}, {@code bool},
     * {@code double}, {@code datetime}).
     *
     * @throws IllegalArgumentException naming the allowed types, for a 400 the user can act on
     */
    @JsonCreator
    public static FieldType parse(String text) {
        String name = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "int":
                return INTEGER;
            case "bool":
                return BOOLEAN;
            case "double":
                return FLOAT;
            case "datetime":
            case "date-time":
            case "date_time":
                return DATE;
            default:
                for (FieldType type : values()) {
                    if (type.wireName().equals(name)) {
                        return type;
                    }
                }
                throw new IllegalArgumentException("unknown variable type '" + (text == null ? "" : text.trim())
                        + "'; allowed: " + allowed());
        }
    }

    /** The accepted names, for error messages and editor hints. */
    public static String allowed() {
        return Arrays.stream(values()).map(FieldType::wireName).collect(Collectors.joining(", "));
    }
}
