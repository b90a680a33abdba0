package dev.aftercall.server.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.aftercall.engine.flow.FlowError;
import dev.aftercall.engine.flow.FlowValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * Turns every exception that leaves a resource into a JSON {@link ErrorBody}: the caller always gets something
 * to act on, and never a stack trace or an HTML page.
 */
public class ApiErrorMappers {
    private static final Logger LOG = Logger.getLogger(ApiErrorMappers.class);
    private static final int MAX_REASON_LENGTH = 200;

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return json(e.status(), ErrorBody.of(e.getMessage(), e.node(), e.field()));
    }

    @ServerExceptionMapper
    public Response invalidFlow(FlowValidationException e) {
        FlowError first = e.errors().isEmpty() ? new FlowError(e.getMessage(), null, null) : e.errors().get(0);
        return json(400, new ErrorBody(first.error(), first.node(), first.field(), e.errors()));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return json(400, ErrorBody.of("malformed JSON: " + shortReason(e)));
    }

    /** Well-formed JSON that does not fit the expected shape, e.g. a string where an object belongs. */
    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return json(400, ErrorBody.of("invalid JSON: " + shortReason(e), null, field.isEmpty() ? null : field));
    }

    @ServerExceptionMapper
    public Response webApplicationException(WebApplicationException e, UriInfo uri) {
        // The JSON body reader reports unreadable bodies as a bare 400 with the Jackson error as its cause.
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unmappableJson(mapping);
        }
        int status = e.getResponse().getStatus();
        String error = switch (status) {
            case 404 -> "not found: " + uri.getPath();
            case 405 -> "method not allowed on " + uri.getPath();
            case 415 -> "unsupported media type: send Content-Type: application/json";
            default -> e.getMessage();
        };
        return json(status, ErrorBody.of(error));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (clientWentAway(e)) {
            // The client closed the connection mid-request (its timeout, a kill): nobody is left to answer.
            LOG.debugf("client closed the connection during %s", uri.getPath());
            return json(400, ErrorBody.of("the connection was closed before the request was read"));
        }
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return json(500, ErrorBody.of("internal error"));
    }

    private static boolean clientWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.core.http.HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    static Response json(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static String shortReason(JsonProcessingException e) {
        String reason = String.valueOf(e.getOriginalMessage());
        if (e.getLocation() != null) {
            reason += " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        }
        return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) + "..." : reason;
    }
}
