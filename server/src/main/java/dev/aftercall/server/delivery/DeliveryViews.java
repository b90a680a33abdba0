package dev.aftercall.server.delivery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.call.CallEntity;
import dev.aftercall.server.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;

/** The JSON the deliveries API answers; credentials are masked, never shown. */
@ApplicationScoped
public class DeliveryViews {
    private final DeliveryPayloads payloads;

    public DeliveryViews(DeliveryPayloads payloads) {
        this.payloads = payloads;
    }

    public ObjectNode summary(DeliveryEntity delivery, String callId) {
        Map<String, String> headers = payloads.headers(delivery);
        Redaction redaction = Redaction.of(headers);
        ObjectNode out = Json.object();
        out.put("id", delivery.pk);
        out.put("call_id", callId);
        out.put("purpose", delivery.purpose);
        out.put("reference", delivery.reference);
        out.put("idempotency_key", delivery.idempotencyKey);
        out.put("method", delivery.method);
        out.put("url", redaction.text(delivery.url));
        out.put("status", delivery.status);
        out.put("attempts", delivery.attempts);
        if (delivery.lastStatus == null) {
            out.putNull("last_status");
        } else {
            out.put("last_status", delivery.lastStatus);
        }
        out.put("last_error", delivery.lastError);
        out.put("created_at", text(delivery.createdAt));
        out.put("updated_at", text(delivery.updatedAt));
        out.put("delivered_at", text(delivery.deliveredAt));
        return out;
    }

    public ObjectNode summary(DeliveryEntity delivery) {
        CallEntity call = CallEntity.findById(delivery.callPk);
        return summary(delivery, call == null ? null : call.callId);
    }

    /** The summary plus the request as sent (credentials masked) and every attempt. */
    public ObjectNode detail(DeliveryEntity delivery) {
        ObjectNode out = summary(delivery);
        Map<String, String> headers = payloads.headers(delivery);
        Redaction redaction = Redaction.of(headers);
        ObjectNode request = out.putObject("request");
        request.set("headers", Json.tree(Redaction.maskHeaders(headers)));
        request.put("body", redaction.text(payloads.body(delivery)));
        ArrayNode attempts = out.putArray("attempt_log");
        for (DeliveryAttemptEntity attempt : DeliveryAttemptEntity.of(delivery.pk)) {
            ObjectNode row = attempts.addObject();
            row.put("attempt", attempt.attempt);
            row.put("started_at", text(attempt.startedAt));
            row.put("duration_ms", attempt.durationMs);
            if (attempt.statusCode == null) {
                row.putNull("status");
            } else {
                row.put("status", attempt.statusCode);
            }
            row.put("outcome", attempt.outcome);
            row.put("error", attempt.error);
            row.put("response_excerpt", attempt.responseExcerpt);
        }
        return out;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
