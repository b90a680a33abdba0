package dev.aftercall.server.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.json.Pages;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * The outlet's webhook deliveries, newest first, so "why didn't my CRM update?" has an answer: was the webhook
 * received, did its signature check out, was it ignored, queued or a duplicate. Filter by {@code platform},
 * {@code call_id} or {@code outcome}.
 */
@Path("/api/v1/intake-log")
@Produces(MediaType.APPLICATION_JSON)
public class IntakeLogResource {
    private final OutletContext outlet;

    public IntakeLogResource(OutletContext outlet) {
        this.outlet = outlet;
    }

    @GET
    @Transactional
    public ObjectNode list(@QueryParam("platform") String platform, @QueryParam("call_id") String callId,
                           @QueryParam("outcome") String outcome,
                           @QueryParam("page") @DefaultValue("0") int page,
                           @QueryParam("size") @DefaultValue("20") int size) {
        Pages.check(page, size);
        StringBuilder where = new StringBuilder("outletId = :outlet");
        Parameters parameters = Parameters.with("outlet", outlet.id());
        if (platform != null) {
            if (Platform.of(platform).isEmpty()) {
                throw ApiException.badRequest("platform must be one of " + Platform.names(), "platform");
            }
            where.append(" and platform = :platform");
            parameters.and("platform", platform);
        }
        if (callId != null) {
            where.append(" and callId = :callId");
            parameters.and("callId", callId);
        }
        if (outcome != null) {
            where.append(" and outcome = :outcome");
            parameters.and("outcome", outcome);
        }
        var query = IntakeLogEntity.<IntakeLogEntity>find(where.toString(), Sort.descending("receivedAt", "pk"),
                parameters);
        List<ObjectNode> items = query.page(page, size).list().stream().map(IntakeLogResource::view).toList();
        return Pages.of(items, page, size, query.count());
    }

    @GET
    @Path("{id}")
    @Transactional
    public ObjectNode get(@PathParam("id") long id) {
        return IntakeLogEntity.<IntakeLogEntity>find("pk = ?1 and outletId = ?2", id, outlet.id())
                .firstResultOptional().map(IntakeLogResource::view)
                .orElseThrow(() -> ApiException.notFound("intake log entry " + id));
    }

    static ObjectNode view(IntakeLogEntity row) {
        ObjectNode view = Json.object();
        view.put("id", row.pk);
        view.put("received_at", row.receivedAt.toString());
        view.put("platform", row.platform);
        view.put("token_id", row.tokenPk);
        view.put("event", row.event);
        view.put("call_id", row.callId);
        view.put("verification", row.verification);
        view.put("outcome", row.outcome);
        view.put("detail", row.detail);
        view.put("http_status", row.httpStatus);
        view.set("headers", Json.tree(row.headers));
        view.set("body", bodyOf(row.body));
        return view;
    }

    /** The body as JSON when it parses, else as the text received. */
    private static JsonNode bodyOf(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (Exception e) {
            return Json.mapper().getNodeFactory().textNode(body);
        }
    }
}
