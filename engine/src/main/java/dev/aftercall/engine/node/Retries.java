package dev.aftercall.engine.node;

import dev.aftercall.engine.http.OutboundResponse;
import dev.aftercall.engine.model.RetryPolicy;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** When to try an API request again, and how long to wait first. */
final class Retries {
    private Retries() {
    }

    /** Connect errors and timeouts (no response), 408, 429 and 5xx are worth another attempt. */
    static boolean retryable(OutboundResponse response) {
        if (response == null) {
            return true;
        }
        int s = response.status();
        return s == 408 || s == 429 || s >= 500;
    }

    /**
     * The wait before attempt {@code nextAttempt} (2 for the first retry): the server's {@code Retry-After} when it
     * sent one, else exponential (or fixed) backoff with jitter, never above {@code max_delay_ms}.
     */
    static long delayMillis(RetryPolicy policy, int nextAttempt, OutboundResponse response, Clock clock) {
        Optional<Long> retryAfter = response == null ? Optional.empty() : retryAfter(response, clock);
        if (retryAfter.isPresent()) {
            return Math.min(retryAfter.get(), policy.maxDelayMs());
        }
        long base = policy.baseDelayMs();
        long delay = "fixed".equalsIgnoreCase(policy.backoff())
                ? base
                : base * (1L << Math.min(20, nextAttempt - 2));
        delay = Math.min(delay, policy.maxDelayMs());
        // "Equal jitter": at least half the backoff, so retries spread out but never collapse to zero.
        return delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
    }

    static Optional<Long> retryAfter(OutboundResponse response, Clock clock) {
        Optional<String> header = response.header("Retry-After");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            return Optional.of(Math.max(0, Long.parseLong(value)) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(Math.max(0, at.toInstant().toEpochMilli() - clock.millis()));
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }
}
