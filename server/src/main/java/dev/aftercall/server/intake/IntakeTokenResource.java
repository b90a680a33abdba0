package dev.aftercall.server.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.json.Pages;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outlet's intake tokens: {@code POST} creates one for a platform (the token and its webhook URL are in that
 * answer only), {@code GET} lists them without tokens or secrets, {@code DELETE} revokes one (its URL then
 * answers 404).
 */
@Path("/api/v1/intake-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IntakeTokenResource {
    private static final int MAX_SECRET_LENGTH = 1000;

    private final OutletContext outlet;
    private final IntakeTokens tokens;
    private final Optional<String> publicUrl;

    public IntakeTokenResource(OutletContext outlet, IntakeTokens tokens,
                               @ConfigProperty(name = "aftercall.intake.public-url") Optional<String> publicUrl) {
        this.outlet = outlet;
        this.tokens = tokens;
        this.publicUrl = publicUrl;
    }

    @POST
    public Response create(JsonNode body, @Context UriInfo uri) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("post {\"platform\": \"retell\", \"secret\": \"...\"} as a JSON object", null);
        }
        JsonNode platformField = body.get("platform");
        Platform platform = Optional.ofNullable(platformField).filter(JsonNode::isTextual).map(JsonNode::asText)
                .flatMap(Platform::of)
                .orElseThrow(() -> ApiException.badRequest("platform must be one of " + Platform.names(), "platform"));
        String secret = optionalText(body, "secret", MAX_SECRET_LENGTH);
        String signatureHeader = optionalText(body, "signature_header", 100);
        if (signatureHeader != null) {
            if (platform != Platform.VAPI) {
                throw ApiException.badRequest("signature_header is only for vapi", "signature_header");
            }
            if (secret == null) {
                throw ApiException.badRequest("signature_header needs the secret the signature is made with",
                        "secret");
            }
            if (!signatureHeader.matches("[A-Za-z0-9-]+")) {
                throw ApiException.badRequest("signature_header must be a header name", "signature_header");
            }
        }
        IntakeTokens.Created created = tokens.create(outlet.id(), platform, secret, signatureHeader);
        ObjectNode view = view(created.entity());
        view.put("token", created.token());
        view.put("url", hookUrl(uri, platform, created.token()));
        return Response.created(URI.create("/api/v1/intake-tokens/" + created.entity().pk)).entity(view).build();
    }

    @GET
    @Transactional
    public ObjectNode list(@QueryParam("page") @DefaultValue("0") int page,
                           @QueryParam("size") @DefaultValue("50") int size) {
        Pages.check(page, size);
        var query = IntakeTokenEntity.<IntakeTokenEntity>find("outletId = ?1 and revokedAt is null order by pk",
                outlet.id());
        List<ObjectNode> items = query.page(page, size).list().stream().map(IntakeTokenResource::view).toList();
        return Pages.of(items, page, size, query.count());
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response revoke(@PathParam("id") long id) {
        IntakeTokenEntity token = IntakeTokenEntity.owned(id, outlet.id())
                .filter(t -> t.revokedAt == null)
                .orElseThrow(() -> ApiException.notFound("intake token " + id));
        token.revokedAt = Instant.now();
        return Response.noContent().build();
    }

    static ObjectNode view(IntakeTokenEntity token) {
        ObjectNode view = Json.object();
        view.put("id", token.pk);
        view.put("platform", token.platform);
        view.put("token_hint", token.tokenHint + "...");
        view.put("has_secret", token.secretCiphertext != null);
        if (token.signatureHeader != null) {
            view.put("signature_header", token.signatureHeader);
        }
        view.put("created_at", token.createdAt.toString());
        return view;
    }

    private String hookUrl(UriInfo uri, Platform platform, String token) {
        String base = publicUrl.map(url -> url.replaceAll("/+$", ""))
                .orElseGet(() -> uri.getBaseUri().toString().replaceAll("/+$", ""));
        return base + "/hooks/" + platform.wireName() + "/" + token;
    }

    private static String optionalText(JsonNode body, String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ApiException.badRequest(field + " must be a non-empty string", field);
        }
        if (value.asText().length() > maxLength) {
            throw ApiException.badRequest(field + " is longer than " + maxLength + " characters", field);
        }
        return value.asText();
    }
}
