package dev.aftercall.server.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rejects request bodies above {@code quarkus.http.limits.max-body-size} with a JSON 413 that names the limit.
 * Quarkus enforces the same limit but answers with an empty body; this handler runs just before it and answers
 * first for every request that declares its length, which is how clients post calls. (A chunked body without a
 * length that grows past the limit is still cut off by Quarkus itself, with an empty 413.)
 */
@ApplicationScoped
public class BodySizeLimit {
    private static final long MB = 1024 * 1024;

    private final long limitBytes;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limitBytes = limit.asLongValue();
    }

    String message() {
        String limit = limitBytes % MB == 0 ? (limitBytes / MB) + " MB" : limitBytes + " bytes";
        return "request body too large: the limit is " + limit;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::rejectOversized);
    }

    private void rejectOversized(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || parseLength(declared) <= limitBytes) {
            ctx.next();
            return;
        }
        // The rest of the body is never read, so the connection cannot carry another request.
        ctx.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(new JsonObject().put("error", message()).encode());
    }

    private static long parseLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // not ours to judge; Vert.x rejects a malformed Content-Length
        }
    }
}
