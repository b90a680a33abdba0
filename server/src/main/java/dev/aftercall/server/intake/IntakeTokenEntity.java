package dev.aftercall.server.intake;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** An outlet's path token for one platform's webhooks; only the token's hash is stored. */
@Entity
@Table(name = "intake_token")
public class IntakeTokenEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "outlet_id")
    public long outletId;

    public String platform;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "token_hint")
    public String tokenHint;

    /** The platform's signing secret sealed with the SecretBox (context {@link #sealContext}); null for none. */
    @Column(name = "secret_ciphertext")
    public String secretCiphertext;

    @Column(name = "signature_header")
    public String signatureHeader;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** Authenticated with the sealed secret, so a ciphertext copied to another outlet's token does not open. */
    public static String sealContext(long outletId) {
        return "intake-token:" + outletId;
    }

    /** The live (not revoked) token with this hash. */
    public static Optional<IntakeTokenEntity> live(String tokenHash) {
        return find("tokenHash = ?1 and revokedAt is null", tokenHash).firstResultOptional();
    }

    public static Optional<IntakeTokenEntity> owned(long pk, long outletId) {
        return find("pk = ?1 and outletId = ?2", pk, outletId).firstResultOptional();
    }
}
