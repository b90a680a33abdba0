package dev.aftercall.server.delivery;

/**
 * Durable outbound requests. A stage that must reach a target (destinations, webhook and schedule_call actions)
 * hands the request here instead of sending it: it is stored with a {@code delivery} job in the caller's
 * transaction, sent by the job worker with retries and backoff (connect errors, timeouts, 408, 429, 5xx, honouring
 * {@code Retry-After}), signed with the outlet's HMAC secret, and every attempt is logged.
 */
public interface Deliveries {
    /**
     * Stores the request for the call and queues its sending. Idempotent per (call, idempotency key): a stage run
     * again after a crash does not send twice. Returns the delivery's id.
     */
    long enqueue(long callPk, long outletId, DeliveryRequest request);
}
