package dev.aftercall.server.delivery;

import dev.aftercall.server.job.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * {@link Deliveries} over the {@code delivery} table and the job queue: the row and its {@code delivery} job are
 * written in the caller's transaction, so a request is queued exactly when the caller's own work commits.
 */
@ApplicationScoped
public class DbDeliveries implements Deliveries {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final JobQueue jobs;
    private final DeliveryPayloads payloads;

    public DbDeliveries(JobQueue jobs, DeliveryPayloads payloads) {
        this.jobs = jobs;
        this.payloads = payloads;
    }

    @Override
    @Transactional
    public long enqueue(long callPk, long outletId, DeliveryRequest request) {
        check(request);
        var existing = DeliveryEntity.findByKey(callPk, request.idempotencyKey());
        if (existing.isPresent()) {
            return existing.get().pk;
        }
        Instant now = Instant.now();
        DeliveryEntity delivery = new DeliveryEntity();
        delivery.outletId = outletId;
        delivery.callPk = callPk;
        delivery.purpose = request.purpose();
        delivery.reference = request.reference();
        delivery.idempotencyKey = request.idempotencyKey();
        delivery.method = request.method().toUpperCase(Locale.ROOT);
        delivery.url = request.url();
        delivery.headersSealed = payloads.sealHeaders(outletId, request.headers());
        delivery.bodySealed = payloads.sealBody(outletId, request.body());
        delivery.status = DeliveryEntity.PENDING;
        delivery.createdAt = now;
        delivery.updatedAt = now;
        delivery.persistAndFlush();
        jobs.enqueue(DeliveryJob.KIND, callPk, delivery.pk, now);
        return delivery.pk;
    }

    /**
     * Sends a finished delivery again with the same {@code Idempotency-Key} (the target decides whether it is new),
     * through a fresh job with a fresh set of attempts; its attempt log goes on.
     */
    @Transactional
    public DeliveryEntity resend(DeliveryEntity delivery) {
        if (DeliveryEntity.PENDING.equals(delivery.status)) {
            throw new IllegalStateException("delivery " + delivery.pk + " is still pending");
        }
        delivery.status = DeliveryEntity.PENDING;
        delivery.updatedAt = Instant.now();
        jobs.enqueue(DeliveryJob.KIND, delivery.callPk, delivery.pk, delivery.updatedAt);
        return delivery;
    }

    private static void check(DeliveryRequest request) {
        require(request.purpose(), "purpose");
        require(request.idempotencyKey(), "idempotencyKey");
        require(request.method(), "method");
        require(request.url(), "url");
        if (request.idempotencyKey().length() > 400) {
            throw new IllegalArgumentException("idempotencyKey is longer than 400 characters");
        }
        if (!METHODS.contains(request.method().toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("method must be one of " + METHODS + ", not " + request.method());
        }
        try {
            URI uri = new URI(request.url());
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("url must be an absolute http(s) URL: " + request.url());
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a URL: " + e.getMessage());
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("delivery " + name + " is required");
        }
    }
}
