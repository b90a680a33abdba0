package dev.aftercall.server.call;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** One finished call of an outlet, as posted, and its progress through the pipeline. */
@Entity
@Table(name = "call")
public class CallEntity extends PanacheEntityBase {
    public static final String QUEUED = "queued";
    public static final String PROCESSING = "processing";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "outlet_id")
    public long outletId;

    @Column(name = "call_id")
    public String callId;

    public String agent;

    public String status;

    /** The posted call JSON, normalised: {@code call_id} is always set. */
    public String document;

    /** JSON object the pipeline stages saved, or null before any did. */
    public String results;

    public String error;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** Runs its processing took, set when it completes (its job is then deleted); null before. */
    public Integer attempts;

    public static Optional<CallEntity> findByCallId(long outletId, String callId) {
        return find("outletId = ?1 and callId = ?2", outletId, callId).firstResultOptional();
    }
}
