package dev.aftercall.server.delivery;

import dev.aftercall.engine.http.HttpPort;
import dev.aftercall.engine.http.OutboundBlockedException;
import dev.aftercall.engine.http.OutboundRequest;
import dev.aftercall.engine.http.OutboundResponse;
import dev.aftercall.server.job.Backoff;
import dev.aftercall.server.job.ClaimedJob;
import dev.aftercall.server.job.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The {@code delivery} job: sends one delivery, signed, with its {@code Idempotency-Key}, and logs the attempt.
 * Connect errors, timeouts, 408, 429 and 5xx are tried again after the target's {@code Retry-After} or an
 * exponential backoff, up to {@code aftercall.deliveries.max-attempts}; any other answer ends the delivery at once
 * (2xx delivered, else failed). A refused target (outbound guard) is never retried.
 */
@ApplicationScoped
public class DeliveryJob implements JobHandler {
    public static final String KIND = "delivery";

    private final HttpPort http;
    private final DeliveryPayloads payloads;
    private final SigningSecrets signing;
    private final DeliveriesConfig config;
    private final Backoff backoff;

    public DeliveryJob(HttpPort http, DeliveryPayloads payloads, SigningSecrets signing, DeliveriesConfig config) {
        this.http = http;
        this.payloads = payloads;
        this.signing = signing;
        this.config = config;
        this.backoff = new Backoff(config.backoff(), config.maxBackoff());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int maxAttempts(int configured) {
        return config.maxAttempts();
    }

    /** What one attempt sends; {@code redaction} masks its secrets in the log. */
    record Attempt(long deliveryPk, int number, OutboundRequest request, Redaction redaction) {
    }

    @Override
    public CompletionStage<Void> run(ClaimedJob job, Executor workers) {
        Attempt attempt = start(job);
        if (attempt == null) {
            return CompletableFuture.completedFuture(null);
        }
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        return http.send(attempt.request())
                .handleAsync((response, error) -> {
                    long millis = (System.nanoTime() - startNanos) / 1_000_000;
                    RetryLater again = finish(job, attempt, started, millis, response, unwrap(error));
                    if (again != null) {
                        throw again;
                    }
                    return null;
                }, workers);
    }

    /** Counts the attempt and builds the signed request; null when the delivery needs no sending any more. */
    @Transactional
    Attempt start(ClaimedJob job) {
        DeliveryEntity delivery = DeliveryEntity.findById(job.refPk());
        if (delivery == null || !DeliveryEntity.PENDING.equals(delivery.status)) {
            return null;
        }
        delivery.attempts++;
        delivery.updatedAt = Instant.now();
        Map<String, String> own = payloads.headers(delivery);
        String body = payloads.body(delivery);
        String secret = signing.current(delivery.outletId);
        long timestamp = Instant.now().getEpochSecond();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        own.forEach((name, value) -> {
            if (!isOurs(name)) {
                headers.add(Map.entry(name, value));
            }
        });
        if (body != null && own.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            headers.add(Map.entry("Content-Type", "application/json"));
        }
        headers.add(Map.entry("Idempotency-Key", delivery.idempotencyKey));
        headers.add(Map.entry(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp)));
        headers.add(Map.entry(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body)));
        OutboundRequest request = new OutboundRequest(delivery.method, URI.create(delivery.url), headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), config.timeout().toMillis(), null);
        return new Attempt(delivery.pk, delivery.attempts, request, Redaction.of(own, secret));
    }

    /**
     * Logs the attempt and settles the delivery; answers the retry to ask for when there should be another attempt
     * (the caller throws it once this transaction has committed the log).
     */
    @Transactional
    RetryLater finish(ClaimedJob job, Attempt attempt, Instant started, long millis, OutboundResponse response,
                Throwable error) {
        DeliveryEntity delivery = DeliveryEntity.findById(attempt.deliveryPk());
        boolean delivered = response != null && response.status() >= 200 && response.status() < 300;
        boolean retryable = !delivered && (response == null
                ? !(error instanceof OutboundBlockedException)
                : response.status() == 408 || response.status() == 429 || response.status() >= 500);
        boolean lastAttempt = job.attempt() >= config.maxAttempts();
        String outcome = delivered ? DeliveryEntity.DELIVERED
                : retryable && !lastAttempt ? "retry" : DeliveryEntity.FAILED;
        String problem = delivered ? null : response != null ? "HTTP " + response.status()
                : attempt.redaction().text(error == null ? "no answer" : describe(error));

        DeliveryAttemptEntity log = new DeliveryAttemptEntity();
        log.deliveryPk = attempt.deliveryPk();
        log.attempt = attempt.number();
        log.startedAt = started;
        log.durationMs = millis;
        log.statusCode = response == null ? null : response.status();
        log.outcome = outcome;
        log.error = problem;
        log.responseExcerpt = response == null ? null : attempt.redaction().text(excerpt(response.body()));
        log.persist();

        Instant now = Instant.now();
        delivery.lastStatus = log.statusCode;
        delivery.lastError = problem;
        delivery.updatedAt = now;
        if (delivered) {
            delivery.status = DeliveryEntity.DELIVERED;
            delivery.deliveredAt = now;
            return null;
        }
        if (!retryable) {
            delivery.status = DeliveryEntity.FAILED;
            return null;
        }
        // On the last attempt the job queue gives up and recorded() marks the delivery failed.
        return new RetryLater(problem, delay(job, response));
    }

    @Override
    public void recorded(ClaimedJob job, JobOutcome outcome, String error) {
        if (outcome == JobOutcome.GAVE_UP && job.refPk() != null) {
            DeliveryEntity.update("status = ?1, updatedAt = ?2 where pk = ?3 and status = ?4",
                    DeliveryEntity.FAILED, Instant.now(), job.refPk(), DeliveryEntity.PENDING);
        }
    }

    private Duration delay(ClaimedJob job, OutboundResponse response) {
        if (response != null) {
            Duration asked = RetryAfter.parse(response.header("Retry-After").orElse(null), Instant.now());
            if (asked != null) {
                return asked.compareTo(config.maxRetryAfter()) > 0 ? config.maxRetryAfter() : asked;
            }
        }
        return backoff.after(job.attempt());
    }

    private String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= config.excerptChars() ? text : text.substring(0, config.excerptChars()) + "…";
    }

    /** The signature and key are ours to set; a stored header of the same name must not duplicate them. */
    private static boolean isOurs(String name) {
        return name.equalsIgnoreCase("Idempotency-Key") || name.equalsIgnoreCase(WebhookSignature.TIMESTAMP_HEADER)
                || name.equalsIgnoreCase(WebhookSignature.SIGNATURE_HEADER) || name.equalsIgnoreCase("Content-Length")
                || name.equalsIgnoreCase("Host");
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
