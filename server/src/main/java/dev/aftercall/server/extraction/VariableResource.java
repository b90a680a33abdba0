package dev.aftercall.server.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.extract.ExtractionField;
import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.extraction.VariableStore.VariableInput;
import dev.aftercall.server.json.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Seed 004's variables API, paths and bodies as the seed writes them: the outlet (from the token) lists, creates,
 * updates, connects and deletes the variables its calls extract.
 */
@Path("/v2/post_call/data")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class VariableResource {
    static final int MAX_VARIABLES = 200;

    @Inject
    OutletContext outlet;

    @Inject
    VariableStore variables;

    @GET
    @Path("variables")
    public ObjectNode list() {
        return success(variables.all(outlet.id()));
    }

    /** An array of variables ({@code {"variables": [...]}} and a single object are read too). */
    @POST
    @Path("variables")
    public ObjectNode save(String body) {
        JsonNode json = SeedBodies.parse(body);
        if (json.isObject() && json.path("variables").isArray()) {
            json = json.get("variables");
        } else if (json.isObject()) {
            json = Json.mapper().createArrayNode().add(json);
        }
        if (!json.isArray() || json.isEmpty()) {
            throw SeedError.badRequest("send the variables as a non-empty JSON array", null);
        }
        if (json.size() > MAX_VARIABLES) {
            throw SeedError.badRequest("at most " + MAX_VARIABLES + " variables per request", null);
        }
        List<VariableInput> inputs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < json.size(); i++) {
            String at = "[" + i + "]";
            JsonNode item = json.get(i);
            ExtractionField field = VariableInputs.field(item, at, SeedError::badRequest);
            if (!names.add(field.name())) {
                throw SeedError.badRequest(at + ".var_name '" + field.name() + "' appears twice", at + ".var_name");
            }
            JsonNode id = item.get("variable_id");
            Long variableId = id == null || id.isNull() ? null : SeedBodies.id(id, at + ".variable_id");
            inputs.add(new VariableInput(variableId, field, destinationIds(item.get("destination_ids"), at)));
        }
        return success(variables.save(outlet.id(), inputs));
    }

    /** {@code [{"variable_id", "destination_id"}]}: each destination is added to its variable. */
    @POST
    @Path("variables/connect")
    public SeedError.Body connect(String body) {
        JsonNode json = SeedBodies.parse(body);
        if (json.isObject()) {
            json = Json.mapper().createArrayNode().add(json);
        }
        if (!json.isArray() || json.isEmpty()) {
            throw SeedError.badRequest("send a JSON array of {variable_id, destination_id}", null);
        }
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            JsonNode item = json.get(i);
            String at = "[" + i + "]";
            if (!item.isObject()) {
                throw SeedError.badRequest(at + " must be an object {variable_id, destination_id}", at);
            }
            pairs.add(new long[] {SeedBodies.id(item.get("variable_id"), at + ".variable_id"),
                    SeedBodies.id(item.get("destination_id"), at + ".destination_id")});
        }
        variables.connect(outlet.id(), pairs);
        return new SeedError.Body(true, "Variables connected successfully", null);
    }

    /**
     * Deletes one variable: {@code {"variable_id": 14}} in the body (or {@code ?variable_id=14}). The path's outlet
     * must be the token's: another outlet's id is refused with 403.
     */
    @DELETE
    @Path("outlet/{outlet_id}/variables")
    public SeedError.Body delete(@PathParam("outlet_id") String outletId, @QueryParam("variable_id") String query,
                                 String body) {
        if (!outletId.strip().equals(Long.toString(outlet.id()))) {
            throw new SeedError(403, "Outlet with ID not found", "outlet_id");
        }
        long variableId = query != null ? SeedBodies.id(Json.mapper().getNodeFactory().textNode(query), "variable_id")
                : SeedBodies.id(SeedBodies.parse(body).get("variable_id"), "variable_id");
        if (!variables.delete(outlet.id(), variableId)) {
            throw SeedError.notFound("Variable with ID not found");
        }
        return new SeedError.Body(true, "Variable deleted successfully", null);
    }

    private static List<Long> destinationIds(JsonNode ids, String at) {
        if (ids == null || ids.isNull()) {
            return null;
        }
        if (!ids.isArray()) {
            throw SeedError.badRequest(at + ".destination_ids must be an array of destination ids",
                    at + ".destination_ids");
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            out.add(SeedBodies.id(ids.get(i), at + ".destination_ids[" + i + "]"));
        }
        return out;
    }

    static ObjectNode success(List<VariableEntity> rows) {
        ObjectNode answer = Json.object().put("message", "success");
        ArrayNode payload = answer.putArray("payload");
        for (VariableEntity row : rows) {
            ObjectNode item = payload.addObject();
            item.put("var_name", row.name);
            item.put("var_type", row.type);
            item.put("description", row.description);
            item.put("variable_id", row.pk);
            ArrayNode destinations = item.putArray("destination_ids");
            row.destinations().forEach(destinations::add);
            if (row.enumValues != null) {
                item.set("values", Json.tree(row.enumValues));
            }
            if (!row.agent.isEmpty()) {
                item.put("agent", row.agent);
            }
        }
        return answer;
    }
}
