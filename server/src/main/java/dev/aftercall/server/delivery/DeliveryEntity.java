package dev.aftercall.server.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * One durable outbound request of a call. Its headers and body are stored sealed ({@link DeliveryPayloads}) because
 * they may carry the target's credentials.
 */
@Entity
@Table(name = "delivery")
public class DeliveryEntity extends PanacheEntityBase {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "outlet_id")
    public long outletId;

    @Column(name = "call_pk")
    public long callPk;

    public String purpose;

    public String reference;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    public String method;

    public String url;

    @Column(name = "headers_sealed")
    public String headersSealed;

    @Column(name = "body_sealed")
    public String bodySealed;

    public String status;

    public int attempts;

    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    public static Optional<DeliveryEntity> findByKey(long callPk, String idempotencyKey) {
        return find("callPk = ?1 and idempotencyKey = ?2", callPk, idempotencyKey).firstResultOptional();
    }

    /** The outlet's delivery {@code pk}, or empty when there is none or it is another outlet's. */
    public static Optional<DeliveryEntity> owned(long outletId, long pk) {
        return DeliveryEntity.<DeliveryEntity>findByIdOptional(pk).filter(d -> d.outletId == outletId);
    }
}
