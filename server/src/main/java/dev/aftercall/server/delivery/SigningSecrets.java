package dev.aftercall.server.delivery;

import dev.aftercall.server.authprofile.SealedSecrets;
import dev.aftercall.server.authprofile.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The outlets' signing secrets. An outlet that never created one gets one with its first delivery, so every
 * request is signed; the operator sees a secret in clear only in the answer that creates or rotates it.
 */
@ApplicationScoped
public class SigningSecrets implements SealedSecrets {
    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretBox box;
    private final EntityManager em;

    public SigningSecrets(SecretBox box, EntityManager em) {
        this.box = box;
        this.em = em;
    }

    /** A secret in the form the API shows it once: {@code whsec_} + 64 hex digits. */
    public record Created(String secret, Instant createdAt) {
    }

    /** The outlet's current secret, created on first use. */
    @Transactional
    public String current(long outletId) {
        SigningSecretEntity stored = em.find(SigningSecretEntity.class, outletId);
        if (stored == null) {
            return rotate(outletId).secret();
        }
        return box.open(stored.secretSealed, SigningSecretEntity.sealContext(outletId));
    }

    /** Replaces the outlet's secret (or creates its first); the answer is the only time it is shown in clear. */
    @Transactional
    public Created rotate(long outletId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + HexFormat.of().formatHex(bytes);
        SigningSecretEntity stored = em.find(SigningSecretEntity.class, outletId, LockModeType.PESSIMISTIC_WRITE);
        boolean first = stored == null;
        if (first) {
            stored = new SigningSecretEntity();
            stored.outletId = outletId;
        }
        stored.secretSealed = box.seal(secret, SigningSecretEntity.sealContext(outletId));
        stored.lastFour = secret.substring(secret.length() - 4);
        stored.createdAt = Instant.now();
        if (first) {
            em.persist(stored);
        }
        return new Created(secret, stored.createdAt);
    }

    @Transactional
    public Optional<SigningSecretEntity> find(long outletId) {
        return Optional.ofNullable(em.find(SigningSecretEntity.class, outletId));
    }

    /** {@code whsec_****abcd}: enough to tell two secrets apart, not to use one. */
    public static String masked(SigningSecretEntity stored) {
        return PREFIX + "****" + stored.lastFour;
    }

    @Override
    public String what() {
        return "webhook signing secrets";
    }

    @Override
    public int reseal(SecretBox with) {
        int resealed = 0;
        for (SigningSecretEntity stored : SigningSecretEntity.<SigningSecretEntity>listAll()) {
            String context = SigningSecretEntity.sealContext(stored.outletId);
            if (!with.sealedWithCurrentKey(stored.secretSealed, context)) {
                stored.secretSealed = with.seal(with.open(stored.secretSealed, context), context);
                resealed++;
            }
        }
        return resealed;
    }
}
