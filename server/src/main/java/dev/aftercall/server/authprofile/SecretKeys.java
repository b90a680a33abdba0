package dev.aftercall.server.authprofile;

import dev.aftercall.server.config.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the key that encrypts auth profiles comes from: {@code aftercall.secret-key} ({@code AFTERCALL_SECRET_KEY},
 * base64 of 32 bytes) when set. Otherwise, so the embedded default needs no setup, a key generated once and kept
 * in {@code ${aftercall.data-dir}/secret-key}. Servers sharing one database must share the key, so they set it.
 */
@ApplicationScoped
public class SecretKeys {
    static final String KEY_FILE = "secret-key";

    @ConfigProperty(name = "aftercall.secret-key")
    Optional<String> configuredKey;

    /** Keys secrets may still be sealed with, during a rotation ({@code AFTERCALL_SECRET_KEY_PREVIOUS}). */
    @ConfigProperty(name = "aftercall.secret-key-previous")
    Optional<List<String>> previousKeys;

    @Inject
    DataDirectory dataDirectory;

    @Produces
    @Singleton
    SecretBox secretBox() {
        List<byte[]> previous = previousKeys.orElse(List.of()).stream().map(String::strip).filter(k -> !k.isEmpty())
                .map(k -> decode(k, "aftercall.secret-key-previous (AFTERCALL_SECRET_KEY_PREVIOUS)")).toList();
        return new SecretBox(key(), previous);
    }

    private byte[] key() {
        Optional<String> configured = configuredKey.map(String::strip).filter(k -> !k.isEmpty());
        if (configured.isPresent()) {
            return decode(configured.get(), "aftercall.secret-key (AFTERCALL_SECRET_KEY)");
        }
        return decode(dataDirectory.readOrCreateSecret(KEY_FILE), dataDirectory.root().resolve(KEY_FILE).toString());
    }

    static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64; generate a key with: openssl rand -base64 32");
        }
        if (key.length != 32) {
            throw new IllegalStateException(source + " must decode to 32 bytes, not " + key.length
                    + "; generate a key with: openssl rand -base64 32");
        }
        return key;
    }
}
