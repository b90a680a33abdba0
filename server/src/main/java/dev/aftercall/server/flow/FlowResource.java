package dev.aftercall.server.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.flow.FlowError;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.json.Pages;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * The outlet's post-call flows: drafts, validation, published versions, export and import. Bodies are flow
 * documents as DESIGN.md describes them. A draft is saved even when invalid and answered with {@code valid} and
 * {@code errors} (each naming node and field); publishing an invalid draft is answered 400 with the same errors.
 */
@Path("/api/v1/flows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FlowResource {
    @Inject
    OutletContext outlet;

    @Inject
    FlowService flows;

    @GET
    public ObjectNode list(@QueryParam("page") @DefaultValue("0") int page,
                           @QueryParam("size") @DefaultValue("50") int size) {
        Pages.check(page, size);
        var query = FlowEntity.<FlowEntity>find("outletId = ?1 and deleted = false order by pk", outlet.id());
        List<ObjectNode> items = query.page(page, size).list().stream().map(FlowView::summary).toList();
        return Pages.of(items, page, size, query.count());
    }

    @POST
    public Response create(JsonNode document) {
        FlowEntity flow = flows.create(outlet.id(), document);
        return Response.created(URI.create("/api/v1/flows/" + flow.pk)).entity(detail(flow)).build();
    }

    /** A plain flow document, e.g. from another outlet's export or {@code flows-examples/}: same as create. */
    @POST
    @Path("import")
    public Response importFlow(JsonNode document) {
        return create(document);
    }

    /** Checks a document that is not saved, as the editor does before saving. */
    @POST
    @Path("validate")
    public ObjectNode validate(JsonNode document) {
        return validation(FlowDocument.problems(document));
    }

    @GET
    @Path("{id}")
    public ObjectNode get(@PathParam("id") long id) {
        return detail(FlowService.owned(id, outlet.id()));
    }

    @PUT
    @Path("{id}")
    public ObjectNode update(@PathParam("id") long id, JsonNode document) {
        return detail(flows.update(outlet.id(), id, document));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        flows.delete(outlet.id(), id);
        return Response.noContent().build();
    }

    /** Checks the stored draft, or the body's document when one is sent. */
    @POST
    @Path("{id}/validate")
    public ObjectNode validateFlow(@PathParam("id") long id, JsonNode document) {
        boolean sent = document != null && !document.isNull() && !document.isEmpty();
        if (sent) {
            FlowService.owned(id, outlet.id());
            return validation(FlowDocument.problems(document));
        }
        return validation(FlowDocument.problems(flows.document(outlet.id(), id, null)));
    }

    /** Optional body {@code {"version": k}} republishes version k's document as a new version (a rollback). */
    @POST
    @Path("{id}/publish")
    public ObjectNode publish(@PathParam("id") long id, JsonNode body) {
        Integer from = version(body == null ? null : body.get("version"));
        FlowVersionEntity version = flows.publish(outlet.id(), id, from);
        ObjectNode out = Json.object();
        out.put("id", id);
        out.put("version", version.version);
        out.put("published_at", version.publishedAt.toString());
        if (from != null) {
            out.put("republished_from", from);
        }
        return out;
    }

    @GET
    @Path("{id}/versions")
    public ObjectNode versions(@PathParam("id") long id) {
        FlowEntity flow = FlowService.owned(id, outlet.id());
        List<ObjectNode> items = FlowVersionEntity.allOf(flow.pk).stream().map(v -> FlowView.version(flow, v)).toList();
        return Pages.of(items, 0, Math.max(1, items.size()), items.size());
    }

    /** The plain flow document (draft, or {@code ?version=k}), ready to import elsewhere. */
    @GET
    @Path("{id}/export")
    public Response export(@PathParam("id") long id, @QueryParam("version") Integer version) {
        JsonNode document = flows.document(outlet.id(), id, version);
        String file = document.path("name").asText("flow").replaceAll("[^A-Za-z0-9._-]+", "-") + ".json";
        return Response.ok(document).header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    /** The flow with its draft and versions, and whether the draft could be published as it is. */
    private static ObjectNode detail(FlowEntity flow) {
        ObjectNode out = FlowView.detail(flow, FlowVersionEntity.allOf(flow.pk));
        out.setAll(validation(FlowDocument.problems(out.get("draft"))));
        return out;
    }

    private static ObjectNode validation(List<FlowError> errors) {
        ObjectNode out = Json.object();
        out.put("valid", errors.isEmpty());
        out.set("errors", Json.tree(errors));
        return out;
    }

    static Integer version(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asInt() < 1) {
            throw ApiException.badRequest("version must be a published version number (1, 2, ...)", "version");
        }
        return value.asInt();
    }
}
