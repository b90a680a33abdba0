package dev.aftercall.server.delivery;

import java.util.Map;

/**
 * One outbound request that must reach its target: a destination's variables (seed 004), a webhook action's
 * extraction result, or a due scheduled call handed to the outlet's dialer (seed 003).
 *
 * @param purpose        what asked for it: {@code destination}, {@code webhook} or {@code dialer}
 * @param reference      which one of those, for people reading the log (destination id, action name, ...)
 * @param idempotencyKey sent as {@code Idempotency-Key}; stable across retries and resends, and unique per call
 *                       and target, so enqueueing the same key twice for a call stores one delivery
 * @param headers        the request's own headers, already rendered; the sender adds the key and signature
 * @param body           the rendered body, or null for none
 */
public record DeliveryRequest(String purpose, String reference, String idempotencyKey, String method, String url,
                              Map<String, String> headers, String body) {
}
