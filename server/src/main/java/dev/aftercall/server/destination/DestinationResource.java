package dev.aftercall.server.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.extraction.SeedBodies;
import dev.aftercall.server.extraction.SeedError;
import dev.aftercall.server.json.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seed 004's destinations API: where the outlet's extracted variables are sent. Both body forms of the seed are
 * read ({@code {"destination": [...]}} and a bare array); {@code destination_id} for a delete comes as a query
 * parameter or in the body.
 */
@Path("/v2/post_call/data/destinations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class DestinationResource {
    static final int MAX_PER_REQUEST = 50;
    private static final Pattern LOOSE_ID = Pattern.compile("destination_id\\s*[=:]\\s*(\\d{1,18})");

    @Inject
    OutletContext outlet;

    @Inject
    DestinationStore destinations;

    @POST
    public ObjectNode create(String body) {
        JsonNode json = SeedBodies.parse(body);
        String prefix = "destination";
        if (json.isObject() && json.has("destination")) {
            json = json.get("destination");
        } else if (json.isObject() && json.has("destinations")) {
            json = json.get("destinations");
            prefix = "destinations";
        } else if (json.isObject()) {
            json = Json.mapper().createArrayNode().add(json);
        }
        if (!json.isArray() || json.isEmpty()) {
            throw SeedError.badRequest("send the destinations as {\"destination\": [...]} or as a non-empty array",
                    "destination");
        }
        if (json.size() > MAX_PER_REQUEST) {
            throw SeedError.badRequest("at most " + MAX_PER_REQUEST + " destinations per request", "destination");
        }
        List<DestinationInput> inputs = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            inputs.add(DestinationInput.of(json.get(i), prefix + "[" + i + "]"));
        }
        List<DestinationEntity> created = destinations.create(outlet.id(), inputs);
        ObjectNode answer = Json.object().put("success", true).put("message", "Destinations created successfully");
        ArrayNode payload = answer.putArray("payload");
        destinations.find(outlet.id(), created.stream().map(row -> row.pk).toList())
                .forEach(destination -> payload.add(DestinationStore.view(destination)));
        return answer;
    }

    @GET
    public ObjectNode list() {
        ObjectNode answer = Json.object().put("success", true).put("message", "Destinations fetched successfully");
        ArrayNode payload = answer.putArray("payload");
        destinations.all(outlet.id()).forEach(destination -> payload.add(DestinationStore.view(destination)));
        return answer;
    }

    @DELETE
    public SeedError.Body delete(@QueryParam("destination_id") String query, String body) {
        long id = query != null ? SeedBodies.id(Json.mapper().getNodeFactory().textNode(query), "destination_id")
                : idInBody(body);
        if (!destinations.delete(outlet.id(), id)) {
            throw SeedError.notFound("Destination with ID not found");
        }
        return new SeedError.Body(true, "Destination deleted successfully", null);
    }

    /**
     * {@code {"destination_id": 5}}, or the seed's own example {@code {destination_id=5}} (not JSON, but what the
     * seed shows) and a form body {@code destination_id=5}.
     */
    private static long idInBody(String body) {
        Matcher loose = LOOSE_ID.matcher(body == null ? "" : body);
        if (body != null && !body.strip().startsWith("{\"") && loose.find()) {
            return Long.parseLong(loose.group(1));
        }
        return SeedBodies.id(SeedBodies.parse(body).get("destination_id"), "destination_id");
    }
}
