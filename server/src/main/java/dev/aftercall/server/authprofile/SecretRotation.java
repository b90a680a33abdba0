package dev.aftercall.server.authprofile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seals every stored secret again with the current key. How to rotate (README "Secrets"): set the new key as
 * {@code AFTERCALL_SECRET_KEY} and the old one as {@code AFTERCALL_SECRET_KEY_PREVIOUS}, restart the servers (they
 * read both), run the {@code rotate-secret-key} command once, then drop the previous key. One transaction: either
 * every secret moves to the new key or none does.
 */
@ApplicationScoped
public class SecretRotation {
    private final SecretBox box;
    private final List<SealedSecrets> modules;

    public SecretRotation(SecretBox box, @Any Instance<SealedSecrets> modules) {
        this.box = box;
        this.modules = modules.stream().toList();
    }

    /** How many secrets each module sealed again. */
    @Transactional
    public Map<String, Integer> rotate() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SealedSecrets module : modules) {
            counts.put(module.what(), module.reseal(box));
        }
        return counts;
    }
}
