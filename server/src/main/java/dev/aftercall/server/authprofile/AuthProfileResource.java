package dev.aftercall.server.authprofile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.json.Pages;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import java.time.Instant;
import java.util.List;

/**
 * Reusable credentials of the caller's outlet, named by API Request nodes. Secrets go in and never come out: the
 * answers list which fields are configured.
 */
@Path("/api/v1/auth-profiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthProfileResource {
    @Inject
    OutletContext outlet;

    @Inject
    SecretBox secretBox;

    @Inject
    ClientCertificateCheck certificates;

    @GET
    public ObjectNode list(@QueryParam("page") @DefaultValue("0") int page,
                           @QueryParam("size") @DefaultValue("50") int size) {
        Pages.check(page, size);
        var query = AuthProfileEntity.<AuthProfileEntity>find("outletId = ?1 order by name", outlet.id());
        List<ObjectNode> items = query.page(page, size).list().stream().map(this::view).toList();
        return Pages.of(items, page, size, query.count());
    }

    @GET
    @Path("{id}")
    public ObjectNode get(@PathParam("id") long id) {
        return view(owned(id));
    }

    @POST
    @Transactional
    public Response create(JsonNode body) {
        AuthProfileInput input = AuthProfileInput.create(body).validated(certificates);
        requireFreeName(input.name(), null);
        AuthProfileEntity entity = new AuthProfileEntity();
        entity.outletId = outlet.id();
        entity.createdAt = Instant.now();
        store(entity, input);
        entity.persist();
        return Response.created(URI.create("/api/v1/auth-profiles/" + entity.pk)).entity(view(entity, input)).build();
    }

    @PUT
    @Path("{id}")
    @Transactional
    public ObjectNode update(@PathParam("id") long id, JsonNode body) {
        AuthProfileEntity entity = owned(id);
        AuthProfileInput input = AuthProfileInput.update(body, read(entity)).validated(certificates);
        requireFreeName(input.name(), entity.pk);
        store(entity, input);
        return view(entity, input);
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response delete(@PathParam("id") long id) {
        owned(id).delete();
        return Response.noContent().build();
    }

    private AuthProfileEntity owned(long id) {
        return AuthProfileEntity.owned(id, outlet.id()).orElseThrow(() -> ApiException.notFound("auth profile"));
    }

    private void requireFreeName(String name, Long self) {
        AuthProfileEntity.named(outlet.id(), name).filter(other -> !other.pk.equals(self)).ifPresent(other -> {
            throw new ApiException(409, "an auth profile named '" + name + "' already exists", null, "name");
        });
    }

    private void store(AuthProfileEntity entity, AuthProfileInput input) {
        entity.name = input.name();
        entity.type = input.type().wireName;
        entity.secretCiphertext = secretBox.seal(Json.write(input.engineJson()),
                AuthProfileEntity.sealContext(entity.outletId));
        entity.updatedAt = Instant.now();
    }

    /**
     * The stored profile. One that no longer decrypts (the key changed) reads as its type with no fields, so a PUT
     * that gives the fields again repairs it.
     */
    private AuthProfileInput read(AuthProfileEntity entity) {
        try {
            String json = secretBox.open(entity.secretCiphertext, AuthProfileEntity.sealContext(entity.outletId));
            return AuthProfileInput.fromEngineJson(entity.name, Json.tree(json));
        } catch (SecretBox.SecretUnreadableException e) {
            AuthProfileType type = AuthProfileType.of(entity.type).orElse(AuthProfileType.BEARER);
            return new AuthProfileInput(entity.name, type, java.util.Map.of());
        }
    }

    private ObjectNode view(AuthProfileEntity entity) {
        return view(entity, read(entity));
    }

    private ObjectNode view(AuthProfileEntity entity, AuthProfileInput input) {
        return AuthProfileView.of(entity, input);
    }
}
