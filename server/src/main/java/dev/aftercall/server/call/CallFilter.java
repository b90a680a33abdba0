package dev.aftercall.server.call;

import dev.aftercall.server.api.ApiException;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The query of {@code GET /api/v1/calls}: optional filters and the page wanted. */
public record CallFilter(String status, String agent, OffsetDateTime since, int page, int size) {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    private static final List<String> STATUSES =
            List.of(CallEntity.QUEUED, CallEntity.PROCESSING, CallEntity.COMPLETED, CallEntity.FAILED);

    /** Parses the raw query parameters (all optional); a bad one is a 400 naming it. */
    public static CallFilter parse(String status, String agent, String since, String page, String size) {
        if (blank(status)) {
            status = null;
        } else if (!STATUSES.contains(status)) {
            throw ApiException.badRequest("status must be one of " + String.join(", ", STATUSES), "status");
        }
        return new CallFilter(status, blank(agent) ? null : agent, timestamp(since),
                number(page, "page", 0, 0, Integer.MAX_VALUE), number(size, "size", DEFAULT_SIZE, 1, MAX_SIZE));
    }

    private static OffsetDateTime timestamp(String since) {
        if (blank(since)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(since);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("since must be an ISO-8601 timestamp such as 2025-01-31T00:00:00Z", "since");
        }
    }

    private static int number(String raw, String name, int fallback, int min, int max) {
        if (blank(raw)) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max, name);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
