package dev.aftercall.server.intake;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The webhook URL a voice platform is pointed at: {@code POST /hooks/{platform}/{token}}. No JWT (platforms cannot
 * send one): the unguessable token names the outlet, and the platform's signature, when the outlet stored its
 * secret, proves the sender. The body is read raw, as signatures are computed over the exact bytes sent.
 */
@Path("/hooks/{platform}/{token}")
public class HookResource {
    private final HookIntake intake;

    public HookResource(HookIntake intake) {
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking // resolving the token reads the database; the answer itself comes when the call is stored
    public CompletionStage<Response> receive(@PathParam("platform") String platform, @PathParam("token") String token,
                                             byte[] body, @Context HttpHeaders headers) {
        byte[] raw = body == null ? new byte[0] : body;
        return intake.receive(platform, token, raw, Map.copyOf(headers.getRequestHeaders()))
                .thenApply(answer -> Response.status(answer.status()).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(answer.body()).build());
    }
}
