package dev.aftercall.server.auth;

import dev.aftercall.server.config.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The HS256 key that signs and verifies outlet tokens. It is {@code AFTERCALL_JWT_SECRET} when set; otherwise the
 * service generates one on first start and keeps it in {@code <data-dir>/jwt-secret}, so tokens stay valid across
 * restarts. The secret string itself (UTF-8) is the key, as in common JWT tooling, so a token can be minted
 * elsewhere from the same string.
 */
@ApplicationScoped
public class JwtSecret {
    static final String FILE_NAME = "jwt-secret";
    private static final Logger LOG = Logger.getLogger(JwtSecret.class);
    /** HS256 wants a key at least as long as its hash. */
    private static final int RECOMMENDED_BYTES = 32;

    private final byte[] key;
    private final boolean generated;

    public JwtSecret(@ConfigProperty(name = "aftercall.jwt-secret") Optional<String> configured, DataDirectory dataDir) {
        String secret = configured.map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        this.generated = secret == null;
        if (generated) {
            secret = dataDir.readOrCreateSecret(FILE_NAME);
            LOG.infof("AFTERCALL_JWT_SECRET is not set: using the secret kept in %s",
                    dataDir.root().resolve(FILE_NAME));
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < RECOMMENDED_BYTES) {
            LOG.warnf("the JWT secret is %d bytes; HS256 should use at least %d", key.length, RECOMMENDED_BYTES);
        }
    }

    byte[] key() {
        return key.clone();
    }

    /** True when no secret was configured and the service uses its own, generated one. */
    public boolean generated() {
        return generated;
    }
}
