package dev.aftercall.server.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.json.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The outlet's webhook signing secret: {@code POST} creates or rotates it and is the only answer that shows it;
 * {@code GET} shows it masked ({@code whsec_****abcd}). Deliveries sent after a rotation use the new secret.
 */
@Path("/api/v1/outlet/signing-secret")
@Produces(MediaType.APPLICATION_JSON)
public class SigningSecretResource {
    @Inject
    OutletContext outlet;

    @Inject
    SigningSecrets secrets;

    @GET
    public ObjectNode get() {
        ObjectNode out = Json.object();
        var stored = secrets.find(outlet.id());
        out.put("exists", stored.isPresent());
        out.put("algorithm", "HMAC-SHA256");
        out.put("secret", stored.map(SigningSecrets::masked).orElse(null));
        out.put("created_at", stored.map(s -> s.createdAt.toString()).orElse(null));
        return out;
    }

    @POST
    public Response rotate() {
        SigningSecrets.Created created = secrets.rotate(outlet.id());
        ObjectNode out = Json.object();
        out.put("exists", true);
        out.put("algorithm", "HMAC-SHA256");
        out.put("secret", created.secret());
        out.put("created_at", created.createdAt().toString());
        out.put("note", "store this secret now: it is not shown again");
        return Response.status(Response.Status.CREATED).entity(out).build();
    }
}
