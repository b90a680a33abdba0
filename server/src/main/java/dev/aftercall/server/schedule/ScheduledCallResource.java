package dev.aftercall.server.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.json.ListFilter;
import dev.aftercall.server.json.Pages;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * Follow-up calls booked by schedule_call actions: {@code GET /api/v1/scheduled-calls?status=&call_id=&due=true},
 * {@code GET .../{id}}, cancel with {@code DELETE .../{id}} (only while still scheduled), and
 * {@code POST .../claim?limit=} for a dialer that pulls: it takes the due ones, each exactly once.
 */
@Path("/api/v1/scheduled-calls")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduledCallResource {
    private static final List<String> STATUSES = List.of(ScheduledCallEntity.SCHEDULED,
            ScheduledCallEntity.DISPATCHED, ScheduledCallEntity.CLAIMED, ScheduledCallEntity.CANCELLED);

    @Inject
    OutletContext outlet;

    @Inject
    ScheduledCalls scheduledCalls;

    @GET
    @Transactional
    public ObjectNode list(@QueryParam("status") String status, @QueryParam("call_id") String callId,
                           @QueryParam("due") Boolean due,
                           @QueryParam("page") @DefaultValue("0") int page,
                           @QueryParam("size") @DefaultValue("50") int size) {
        Pages.check(page, size);
        ListFilter filter = ListFilter.ofOutlet(outlet.id())
                .status(status, STATUSES)
                .call(callId);
        if (Boolean.TRUE.equals(due)) {
            filter.where("status = :scheduled", "scheduled", ScheduledCallEntity.SCHEDULED)
                    .where("dueAt <= :now", "now", Instant.now());
        }
        var query = ScheduledCallEntity.<ScheduledCallEntity>find(filter.query("order by dueAt, pk"),
                filter.parameters()).page(page, size);
        List<ObjectNode> items = query.list().stream().map(ScheduledCallResource::view).toList();
        return Pages.of(items, page, size, query.count());
    }

    @GET
    @Path("{id}")
    @Transactional
    public ObjectNode get(@PathParam("id") long id) {
        return view(owned(id));
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public ObjectNode cancel(@PathParam("id") long id) {
        ScheduledCallEntity scheduled = owned(id);
        if (!ScheduledCallEntity.SCHEDULED.equals(scheduled.status)) {
            throw new ApiException(409, "scheduled call " + id + " is " + scheduled.status
                    + "; only a scheduled call can be cancelled", null, null);
        }
        scheduled.status = ScheduledCallEntity.CANCELLED;
        scheduled.updatedAt = Instant.now();
        return view(scheduled);
    }

    @POST
    @Path("claim")
    @Transactional
    public ObjectNode claim(@QueryParam("limit") @DefaultValue("10") int limit) {
        if (limit < 1 || limit > Pages.MAX_SIZE) {
            throw ApiException.badRequest("limit must be between 1 and " + Pages.MAX_SIZE, "limit");
        }
        ObjectNode out = Json.object();
        var items = out.putArray("items");
        scheduledCalls.claimDue(outlet.id(), limit).forEach(s -> items.add(view(s)));
        return out;
    }

    private ScheduledCallEntity owned(long id) {
        return ScheduledCallEntity.owned(outlet.id(), id)
                .orElseThrow(() -> ApiException.notFound("scheduled call " + id));
    }

    static ObjectNode view(ScheduledCallEntity scheduled) {
        ObjectNode out = ScheduledCalls.body(scheduled);
        out.put("id", scheduled.pk);
        out.put("status", scheduled.status);
        out.put("time_source", scheduled.timeSource);
        if (scheduled.deliveryPk == null) {
            out.putNull("delivery_id");
        } else {
            out.put("delivery_id", scheduled.deliveryPk);
        }
        out.put("created_at", scheduled.createdAt.toString());
        out.put("updated_at", scheduled.updatedAt.toString());
        return out;
    }
}
