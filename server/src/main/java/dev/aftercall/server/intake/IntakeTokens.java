package dev.aftercall.server.intake;

import dev.aftercall.server.authprofile.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Creates and resolves intake tokens. A token is 32 random bytes (base64url, prefixed {@code ich_}), so it cannot
 * be guessed; the database keeps only its SHA-256, so a leaked database does not leak working URLs.
 */
@ApplicationScoped
public class IntakeTokens {
    private static final String PREFIX = "ich_";
    private static final int TOKEN_BYTES = 32;
    private static final int HINT_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretBox box;

    public IntakeTokens(SecretBox box) {
        this.box = box;
    }

    /** A new token: the stored row, and the token itself, which is only ever known here. */
    public record Created(IntakeTokenEntity entity, String token) {
    }

    /** A live token as the hook endpoint needs it: owner, platform and the opened signing secret. */
    public record Resolved(long pk, long outletId, Platform platform, String secret, String signatureHeader,
                           boolean secretUnreadable) {
        boolean signed() {
            return secret != null || secretUnreadable;
        }
    }

    @Transactional
    public Created create(long outletId, Platform platform, String secret, String signatureHeader) {
        byte[] random = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(random);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        IntakeTokenEntity entity = new IntakeTokenEntity();
        entity.outletId = outletId;
        entity.platform = platform.wireName();
        entity.tokenHash = hash(token);
        entity.tokenHint = token.substring(0, HINT_LENGTH);
        entity.secretCiphertext = secret == null ? null
                : box.seal(secret, IntakeTokenEntity.sealContext(outletId));
        entity.signatureHeader = signatureHeader;
        entity.createdAt = Instant.now();
        entity.persist();
        return new Created(entity, token);
    }

    /** The live token {@code token} for {@code platform}; empty for an unknown, revoked or other platform's token. */
    @Transactional
    public Optional<Resolved> resolve(Platform platform, String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return IntakeTokenEntity.live(hash(token))
                .filter(entity -> entity.platform.equals(platform.wireName()))
                .map(entity -> {
                    if (entity.secretCiphertext == null) {
                        return new Resolved(entity.pk, entity.outletId, platform, null, entity.signatureHeader, false);
                    }
                    try {
                        String secret = box.open(entity.secretCiphertext,
                                IntakeTokenEntity.sealContext(entity.outletId));
                        return new Resolved(entity.pk, entity.outletId, platform, secret, entity.signatureHeader,
                                false);
                    } catch (SecretBox.SecretUnreadableException e) {
                        // The key changed without a rotation: refuse deliveries rather than accept them unsigned.
                        return new Resolved(entity.pk, entity.outletId, platform, null, entity.signatureHeader, true);
                    }
                });
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
