package dev.aftercall.server.extraction;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * An error of the seed 004 API ({@code /v2/post_call/data/...}), answered in the seed's shape
 * {@code {"success": false, "message": "Variable with ID not found"}}, plus {@code field} naming the bad input when
 * there is one. The rest of the API keeps its own {@code {"error": ...}} shape.
 */
public class SeedError extends RuntimeException {
    private final int status;
    private final String field;

    public SeedError(int status, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static SeedError badRequest(String message, String field) {
        return new SeedError(400, message, field);
    }

    public static SeedError notFound(String message) {
        return new SeedError(404, message, null);
    }

    /** The body of every seed 004 answer that is not a payload. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Body(boolean success, String message, String field) {
    }

    /** Renders {@link SeedError}s. */
    public static class Mapper {
        @ServerExceptionMapper
        public Response seedError(SeedError e) {
            return Response.status(e.status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new Body(false, e.getMessage(), e.field)).build();
        }
    }
}
