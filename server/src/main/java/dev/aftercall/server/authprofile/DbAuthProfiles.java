package dev.aftercall.server.authprofile;

import dev.aftercall.engine.auth.AuthProfile;
import dev.aftercall.engine.auth.AuthProfiles;
import dev.aftercall.server.json.Json;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Gives a run the outlet's auth profiles, decrypted in memory once per run: the engine looks profiles up while it
 * walks, possibly on an event-loop thread, so nothing is read from the database after this returns. Call it from
 * a worker thread.
 */
@ApplicationScoped
public class DbAuthProfiles {
    @Inject
    SecretBox secretBox;

    /**
     * The outlet's profiles with the given names; names without a profile are simply not found later. A flow that
     * names none (most do) costs no transaction: this runs for every run and test run.
     */
    public AuthProfiles load(long outletId, Collection<String> names) {
        if (names.isEmpty()) {
            return AuthProfiles.NONE;
        }
        return QuarkusTransaction.joiningExisting().call(() -> read(outletId, names));
    }

    private AuthProfiles read(long outletId, Collection<String> names) {
        Map<String, AuthProfile> byName = new HashMap<>();
        for (AuthProfileEntity entity : AuthProfileEntity.withNames(outletId, names)) {
            decrypt(entity).ifPresent(profile -> byName.put(entity.name, profile));
        }
        return name -> Optional.ofNullable(byName.get(name));
    }

    /**
     * A profile that no longer decrypts (the key changed) is left out and logged, so its nodes fail with
     * "auth profile not found" while the rest of the outlet's work goes on.
     */
    Optional<AuthProfile> decrypt(AuthProfileEntity entity) {
        try {
            String json = secretBox.open(entity.secretCiphertext, AuthProfileEntity.sealContext(entity.outletId));
            return Optional.of(Json.read(json, AuthProfile.class));
        } catch (SecretBox.SecretUnreadableException e) {
            Log.errorf("auth profile '%s' of outlet %d cannot be read (%s); was AFTERCALL_SECRET_KEY changed?",
                    entity.name, entity.outletId, e.getMessage());
            return Optional.empty();
        }
    }
}
