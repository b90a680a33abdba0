package dev.aftercall.server.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.extract.ExtractionField;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.json.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Seed 003's view of the variables: an agent's "Post-Call Data Extraction" fields, {@code [{"name", "type",
 * "description"}]} ({@code values} optional for an enum). The same rows as seed 004's variables, scoped to the
 * agent; a call of the agent extracts the outlet-wide variables and these.
 */
@Path("/api/v1/agents/{agent}/extraction-fields")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExtractionFieldsResource {
    static final int MAX_AGENT_LENGTH = 255;
    static final int MAX_FIELDS = 200;

    @Inject
    OutletContext outlet;

    @Inject
    VariableStore variables;

    @GET
    public ArrayNode get(@PathParam("agent") String agent) {
        return view(variables.agentFields(outlet.id(), checked(agent)));
    }

    /** Replaces the agent's fields with the posted list (an empty list removes them all). */
    @PUT
    public ArrayNode put(@PathParam("agent") String agent, JsonNode body) {
        String checkedAgent = checked(agent);
        JsonNode list = body != null && body.isObject() && body.has("fields") ? body.get("fields") : body;
        if (list == null || !list.isArray()) {
            throw ApiException.badRequest("send the fields as a JSON array of {name, type, description}", null);
        }
        if (list.size() > MAX_FIELDS) {
            throw ApiException.badRequest("at most " + MAX_FIELDS + " fields per agent", null);
        }
        List<ExtractionField> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ExtractionField field = VariableInputs.field(list.get(i), "[" + i + "]", ApiException::badRequest);
            if (!names.add(field.name())) {
                throw ApiException.badRequest("field '" + field.name() + "' is defined twice", "[" + i + "].name");
            }
            fields.add(field);
        }
        return view(variables.replaceAgentFields(outlet.id(), checkedAgent, fields));
    }

    private static String checked(String agent) {
        if (agent == null || agent.isBlank() || agent.length() > MAX_AGENT_LENGTH) {
            throw ApiException.badRequest("agent must be 1 to " + MAX_AGENT_LENGTH + " characters", "agent");
        }
        return agent;
    }

    private static ArrayNode view(List<VariableEntity> rows) {
        ArrayNode out = Json.mapper().createArrayNode();
        for (VariableEntity row : rows) {
            ObjectNode field = out.addObject();
            field.put("name", row.name);
            field.put("type", row.type);
            field.put("description", row.description);
            if (row.enumValues != null) {
                field.set("values", Json.tree(row.enumValues));
            }
        }
        return out;
    }
}
