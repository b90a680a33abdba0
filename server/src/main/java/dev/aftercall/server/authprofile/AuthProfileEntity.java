package dev.aftercall.server.authprofile;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** One outlet's stored credentials; everything but name and type is inside {@code secretCiphertext}. */
@Entity
@Table(name = "auth_profile")
public class AuthProfileEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "outlet_id", nullable = false)
    public long outletId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String type;

    @Column(name = "secret_ciphertext", nullable = false)
    public String secretCiphertext;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    static Optional<AuthProfileEntity> owned(long pk, long outletId) {
        return AuthProfileEntity.<AuthProfileEntity>findByIdOptional(pk).filter(p -> p.outletId == outletId);
    }

    static Optional<AuthProfileEntity> named(long outletId, String name) {
        return find("outletId = ?1 and name = ?2", outletId, name).firstResultOptional();
    }

    static List<AuthProfileEntity> withNames(long outletId, Collection<String> names) {
        return list("outletId = ?1 and name in ?2", outletId, names);
    }

    /** The AES-GCM context: binds a ciphertext to its outlet. */
    static String sealContext(long outletId) {
        return "auth_profile:outlet:" + outletId;
    }
}
