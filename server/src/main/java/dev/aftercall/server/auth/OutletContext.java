package dev.aftercall.server.auth;

import jakarta.enterprise.context.RequestScoped;

/**
 * The outlet the request's JWT names. Filled by the authentication filter before any resource runs; every
 * read and write of outlet-owned data is scoped to {@link #id()}.
 */
@RequestScoped
public class OutletContext {
    private Long id;

    public long id() {
        if (id == null) {
            throw new IllegalStateException("no authenticated outlet on this request");
        }
        return id;
    }

    public void set(long id) {
        this.id = id;
    }
}
