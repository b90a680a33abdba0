package dev.aftercall.server.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/calls/{call_id}/deliveries}: the same list as {@code /api/v1/deliveries?call_id=}. */
@Path("/api/v1/calls/{callId}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class CallDeliveriesResource {
    @Inject
    DeliveryResource deliveries;

    @GET
    public ObjectNode list(@PathParam("callId") String callId, @QueryParam("status") String status,
                           @QueryParam("purpose") String purpose,
                           @QueryParam("page") @DefaultValue("0") int page,
                           @QueryParam("size") @DefaultValue("50") int size) {
        return deliveries.list(callId, status, purpose, page, size);
    }
}
