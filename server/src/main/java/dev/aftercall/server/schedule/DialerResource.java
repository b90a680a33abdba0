package dev.aftercall.server.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.delivery.Redaction;
import dev.aftercall.server.json.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outlet's dialer: {@code PUT /api/v1/outlet/dialer {"url", "headers"}} makes due follow-up calls go there
 * (header values are shown masked afterwards); {@code DELETE} switches back to dialers that pull.
 */
@Path("/api/v1/outlet/dialer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DialerResource {
    @Inject
    OutletContext outlet;

    @Inject
    Dialers dialers;

    @GET
    public ObjectNode get() {
        return view(dialers.find(outlet.id()).orElse(null));
    }

    @PUT
    public ObjectNode put(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("a JSON object {\"url\", \"headers\"} is required", "url");
        }
        String url = body.path("url").asText("");
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
        } catch (Exception e) {
            throw ApiException.badRequest("url must be an absolute http(s) URL", "url");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode given = body.get("headers");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw ApiException.badRequest("headers must be an object of text values", "headers");
            }
            given.properties().forEach(h -> {
                if (!h.getValue().isTextual() || h.getKey().matches(".*[\\r\\n:].*")
                        || h.getValue().asText().matches("(?s).*[\\r\\n].*")) {
                    throw ApiException.badRequest("headers." + h.getKey() + " must be a single-line text value",
                            "headers");
                }
                headers.put(h.getKey(), h.getValue().asText());
            });
        }
        return view(dialers.save(outlet.id(), url, headers));
    }

    @DELETE
    public Response delete() {
        dialers.delete(outlet.id());
        return Response.noContent().build();
    }

    private static ObjectNode view(Dialers.Dialer dialer) {
        ObjectNode out = Json.object();
        out.put("configured", dialer != null);
        out.put("mode", dialer != null ? "push" : "pull");
        out.put("url", dialer == null ? null : dialer.url());
        ObjectNode headers = out.putObject("headers");
        if (dialer != null) {
            dialer.headers().keySet().forEach(name -> headers.put(name, Redaction.MASK));
        }
        return out;
    }
}
