package dev.aftercall.server.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.json.ListFilter;
import dev.aftercall.server.json.Pages;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The outlet's deliveries: {@code GET /api/v1/deliveries?call_id=&status=&purpose=} (newest first; {@code
 * status=failed} lists those that gave up, for a manual resend), {@code GET /api/v1/deliveries/{id}} with the
 * request (credentials masked) and every attempt, and {@code POST /api/v1/deliveries/{id}/resend}.
 */
@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {
    private static final List<String> STATUSES =
            List.of(DeliveryEntity.PENDING, DeliveryEntity.DELIVERED, DeliveryEntity.FAILED);

    @Inject
    OutletContext outlet;

    @Inject
    DeliveryViews views;

    @Inject
    DbDeliveries deliveries;

    @GET
    @Transactional
    public ObjectNode list(@QueryParam("call_id") String callId, @QueryParam("status") String status,
                           @QueryParam("purpose") String purpose,
                           @QueryParam("page") @DefaultValue("0") int page,
                           @QueryParam("size") @DefaultValue("50") int size) {
        Pages.check(page, size);
        ListFilter filter = ListFilter.ofOutlet(outlet.id())
                .status(status, STATUSES)
                .equal("purpose", purpose)
                .call(callId);
        var query = DeliveryEntity.<DeliveryEntity>find(filter.query("order by pk desc"), filter.parameters())
                .page(page, size);
        List<ObjectNode> items = query.list().stream().map(views::summary).toList();
        return Pages.of(items, page, size, query.count());
    }

    @GET
    @Path("{id}")
    @Transactional
    public ObjectNode get(@PathParam("id") long id) {
        return views.detail(owned(id));
    }

    @POST
    @Path("{id}/resend")
    @Transactional
    public Response resend(@PathParam("id") long id) {
        DeliveryEntity delivery = owned(id);
        if (DeliveryEntity.PENDING.equals(delivery.status)) {
            throw new ApiException(409, "delivery " + id + " is still being sent; resend it once it has "
                    + "been delivered or has failed", null, null);
        }
        return Response.accepted(views.summary(deliveries.resend(delivery))).build();
    }

    private DeliveryEntity owned(long id) {
        return DeliveryEntity.owned(outlet.id(), id).orElseThrow(() -> ApiException.notFound("delivery " + id));
    }
}
