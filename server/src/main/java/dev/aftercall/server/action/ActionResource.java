package dev.aftercall.server.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.auth.OutletContext;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An agent's post-call actions (seed 003): {@code GET} lists them (webhook header values masked), {@code PUT}
 * replaces them (an array, {@code {"actions": [...]}}, or the seed's single action object), {@code POST} adds one,
 * {@code DELETE .../{name}} removes one.
 */
@Path("/api/v1/agents/{agent}/actions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ActionResource {
    @Inject
    OutletContext outlet;

    @Inject
    AgentActions actions;

    @GET
    public ArrayNode list(@PathParam("agent") String agent) {
        return AgentActions.masked(actions.load(outlet.id(), agent));
    }

    @PUT
    public ArrayNode replace(@PathParam("agent") String agent, JsonNode body) {
        ArrayNode list = ActionRules.list(body);
        ActionRules.check(list);
        return actions.save(outlet.id(), agent, list);
    }

    @POST
    @Transactional
    public Response add(@PathParam("agent") String agent, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("one action object is required", "action");
        }
        ArrayNode list = actions.load(outlet.id(), agent);
        list.add(body);
        ActionRules.check(list);
        return Response.status(Response.Status.CREATED).entity(actions.save(outlet.id(), agent, list)).build();
    }

    @DELETE
    @Path("{name}")
    @Transactional
    public ArrayNode remove(@PathParam("agent") String agent, @PathParam("name") String name) {
        ArrayNode list = actions.load(outlet.id(), agent);
        for (int i = 0; i < list.size(); i++) {
            if (name.equals(list.get(i).path("name").asText())) {
                list.remove(i);
                return actions.save(outlet.id(), agent, list);
            }
        }
        throw ApiException.notFound("action " + name);
    }
}
