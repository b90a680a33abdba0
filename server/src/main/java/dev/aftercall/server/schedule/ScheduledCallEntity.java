package dev.aftercall.server.schedule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A follow-up call a {@code schedule_call} action booked, and how far it got to a dialer. */
@Entity
@Table(name = "scheduled_call")
public class ScheduledCallEntity extends PanacheEntityBase {
    /** Waiting for its time (and, once due without a dialer configured, for a dialer to claim it). */
    public static final String SCHEDULED = "scheduled";
    /** Handed to the outlet's dialer as a delivery. */
    public static final String DISPATCHED = "dispatched";
    /** Taken by a dialer that pulls ({@code POST /api/v1/scheduled-calls/claim}). */
    public static final String CLAIMED = "claimed";
    public static final String CANCELLED = "cancelled";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "outlet_id")
    public long outletId;

    @Column(name = "call_pk")
    public long callPk;

    @Column(name = "action_name")
    public String actionName;

    public String agent;

    @Column(name = "to_number")
    public String toNumber;

    @Column(name = "from_number")
    public String fromNumber;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "time_source")
    public String timeSource;

    public String status;

    @Column(name = "delivery_pk")
    public Long deliveryPk;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    static Optional<ScheduledCallEntity> of(long callPk, String actionName) {
        return find("callPk = ?1 and actionName = ?2", callPk, actionName).firstResultOptional();
    }

    static Optional<ScheduledCallEntity> owned(long outletId, long pk) {
        return ScheduledCallEntity.<ScheduledCallEntity>findByIdOptional(pk).filter(s -> s.outletId == outletId);
    }
}
