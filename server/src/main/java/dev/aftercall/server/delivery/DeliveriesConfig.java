package dev.aftercall.server.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code aftercall.deliveries.*}: how hard and how long deliveries try. */
@ConfigMapping(prefix = "aftercall.deliveries")
public interface DeliveriesConfig {
    /** Sends per delivery before it is marked failed (and listed for a manual resend). */
    @WithDefault("10")
    int maxAttempts();

    /** First retry delay; doubles per attempt up to {@link #maxBackoff()}. */
    @WithDefault("5s")
    Duration backoff();

    @WithDefault("1h")
    Duration maxBackoff();

    /** One deadline per request: connect, send and the whole answer. */
    @WithDefault("10s")
    Duration timeout();

    /** A target's {@code Retry-After} is honoured up to this long. */
    @WithDefault("1h")
    Duration maxRetryAfter();

    /** How much of each answer the attempt log keeps. */
    @WithDefault("1000")
    int excerptChars();
}
