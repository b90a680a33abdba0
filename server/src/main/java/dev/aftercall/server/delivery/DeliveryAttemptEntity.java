package dev.aftercall.server.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** The log line of one attempt to send a delivery; secrets are redacted before it is written. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttemptEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "delivery_pk")
    public long deliveryPk;

    public int attempt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "duration_ms")
    public long durationMs;

    @Column(name = "status_code")
    public Integer statusCode;

    /** {@code delivered}, {@code retry} (another attempt follows) or {@code failed}. */
    public String outcome;

    public String error;

    @Column(name = "response_excerpt")
    public String responseExcerpt;

    public static List<DeliveryAttemptEntity> of(long deliveryPk) {
        return list("deliveryPk = ?1 order by attempt, pk", deliveryPk);
    }
}
