package dev.aftercall.server.delivery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.call.CallDetailContributor;
import dev.aftercall.server.call.CallEntity;
import jakarta.enterprise.context.ApplicationScoped;

/** Adds {@code deliveries} to a call's detail: each delivery's summary (attempts at /api/v1/deliveries/{id}). */
@ApplicationScoped
public class DeliveriesDetail implements CallDetailContributor {
    private final DeliveryViews views;

    public DeliveriesDetail(DeliveryViews views) {
        this.views = views;
    }

    @Override
    public void contribute(CallEntity call, ObjectNode detail) {
        ArrayNode out = detail.putArray("deliveries");
        DeliveryEntity.<DeliveryEntity>list("callPk = ?1 order by pk", call.pk)
                .forEach(delivery -> out.add(views.summary(delivery, call.callId)));
    }
}
