package dev.aftercall.server.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.auth.OutletContext;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.concurrent.CompletionStage;

/** Finished calls of the token's outlet: post one, read one, list them, retry a failed one. */
@Path("/api/v1/calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {
    private static final String CALL_PATH = "/api/v1/calls/{call_id}";
    private final OutletContext outlet;
    private final CallIntake intake;
    private final CallStore store;
    private final CallViews views;

    public CallResource(OutletContext outlet, CallIntake intake, CallStore store, CallViews views) {
        this.outlet = outlet;
        this.intake = intake;
        this.store = store;
        this.views = views;
    }

    /**
     * 202 {@code {"call_id", "status": "queued"}} for a new call; 200 with the stored call for a repeat. Runs on the
     * event loop that read the request: the write goes to the group commit, and the answer is sent when it is
     * committed, so no worker thread waits for the database.
     */
    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> post(JsonNode body, @Context UriInfo request) {
        return intake.receive(outlet.id(), body).thenApply(received -> {
            if (!received.created()) {
                return Response.ok(received.body()).build();
            }
            // Absolute already: the answer is built on the committer's thread, outside the request's context, where
            // a relative location could not be resolved against the request.
            URI location = request.getBaseUriBuilder().path(CALL_PATH).build(received.body().get("call_id").asText());
            return Response.accepted(received.body()).location(location).build();
        });
    }

    @GET
    @Path("{call_id}")
    public ObjectNode get(@PathParam("call_id") String callId) {
        return views.detail(outlet.id(), callId).orElseThrow(() -> ApiException.notFound("call " + callId));
    }

    @GET
    public ObjectNode list(@QueryParam("status") String status, @QueryParam("agent") String agent,
                           @QueryParam("since") String since, @QueryParam("page") String page,
                           @QueryParam("size") String size) {
        return views.page(outlet.id(), CallFilter.parse(status, agent, since, page, size));
    }

    /** Runs a failed call again from its first unfinished step; 409 unless the call failed. */
    @POST
    @Path("{call_id}/retry")
    public Response retry(@PathParam("call_id") String callId) {
        store.retry(outlet.id(), callId);
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("call_id", callId)
                .put("status", CallEntity.QUEUED);
        return Response.accepted(body).location(location(callId)).build();
    }

    private static URI location(String callId) {
        return UriBuilder.fromPath(CALL_PATH).build(callId);
    }
}
