package dev.aftercall.server.intake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.call.CallDetailContributor;
import dev.aftercall.server.call.CallEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Adds {@code intake} to a call's detail when it arrived through a platform webhook: each delivery about the call
 * (id, event, outcome, time), so the calls screen can link to {@code GET /api/v1/intake-log/{id}}.
 */
@ApplicationScoped
public class IntakeCallDetail implements CallDetailContributor {
    @Override
    public void contribute(CallEntity call, ObjectNode detail) {
        List<IntakeLogEntity> deliveries = IntakeLogEntity.list("outletId = ?1 and callId = ?2 order by receivedAt, pk",
                call.outletId, call.callId);
        if (deliveries.isEmpty()) {
            return;
        }
        ArrayNode intake = detail.putArray("intake");
        for (IntakeLogEntity delivery : deliveries) {
            intake.addObject()
                    .put("log_id", delivery.pk)
                    .put("platform", delivery.platform)
                    .put("event", delivery.event)
                    .put("outcome", delivery.outcome)
                    .put("received_at", delivery.receivedAt.toString());
        }
    }
}
