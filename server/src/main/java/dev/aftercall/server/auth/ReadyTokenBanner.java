package dev.aftercall.server.auth;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On a start without a configured secret (the embedded default), prints a token for the demo outlet and the editor
 * URL, so a first user can call the API and open the editor without minting anything. An operator who set
 * {@code AFTERCALL_JWT_SECRET} mints their own tokens; theirs are never written to the log.
 */
@ApplicationScoped
class ReadyTokenBanner {
    private static final Logger LOG = Logger.getLogger(ReadyTokenBanner.class);
    private static final long DEMO_OUTLET = 1;

    void onStart(@Observes StartupEvent event, JwtSecret secret, Tokens tokens, LaunchMode mode,
                 @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        if (mode == LaunchMode.TEST || !secret.generated()) {
            return;
        }
        String token = tokens.mint(DEMO_OUTLET, null);
        LOG.infof("""
                
                Token for outlet %d (no expiry):
                  %s
                Try:    curl -H 'Authorization: Bearer %s' http://localhost:%d/api/v1/calls
                Editor: http://localhost:%d/editor?token=%s""", DEMO_OUTLET, token, token, port, port, token);
    }
}
