package dev.aftercall.engine.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How an API Request node retries connect errors, 408, 429 and 5xx answers: {@code max_attempts} in all
 * (the first try included), {@code exponential} or {@code fixed} backoff from {@code base_delay_ms}, with jitter.
 */
public record RetryPolicy(
        @JsonProperty("max_attempts") Integer maxAttempts,
        String backoff,
        @JsonProperty("base_delay_ms") Long baseDelayMs,
        @JsonProperty("max_delay_ms") Long maxDelayMs) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(3, "exponential", 500L, 30_000L);

    public RetryPolicy {
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        backoff = backoff == null ? "exponential" : backoff;
        baseDelayMs = baseDelayMs == null ? 500L : baseDelayMs;
        maxDelayMs = maxDelayMs == null ? 30_000L : maxDelayMs;
    }
}
