package dev.aftercall.server.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An outlet's webhook signing secret, sealed; {@code lastFour} is what the API shows after creation. */
@Entity
@Table(name = "outlet_signing_secret")
public class SigningSecretEntity extends PanacheEntityBase {
    @Id
    @Column(name = "outlet_id")
    public Long outletId;

    @Column(name = "secret_sealed")
    public String secretSealed;

    @Column(name = "last_four")
    public String lastFour;

    @Column(name = "created_at")
    public Instant createdAt;

    static String sealContext(long outletId) {
        return "signing_secret:outlet:" + outletId;
    }
}
