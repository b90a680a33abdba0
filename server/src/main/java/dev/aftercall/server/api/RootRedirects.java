package dev.aftercall.server.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** {@code /} and {@code /editor} lead to the editor page, {@code /editor/} (served from the editor-ui jar). */
@ApplicationScoped
public class RootRedirects {
    static final String EDITOR = "/editor/";

    void install(@Observes Router router) {
        // A regex, because a plain "/editor" route would also match "/editor/" and redirect it to itself.
        router.getWithRegex("^/(editor)?$").handler(ctx -> {
            String query = ctx.request().query();
            ctx.response()
                    .setStatusCode(303)
                    .putHeader(HttpHeaders.LOCATION, query == null ? EDITOR : EDITOR + "?" + query)
                    .end();
        });
    }
}
