package dev.aftercall.server.flow;

import dev.aftercall.server.setup.SetupChanges;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A post-call flow of one outlet: the editable draft, and which published version runs. Published documents live in
 * {@link FlowVersionEntity}; a deleted flow is kept (flagged) so the runs that reference it keep their history.
 */
@Entity
@EntityListeners(SetupChanges.Listener.class)
@Table(name = "flow")
public class FlowEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "outlet_id", nullable = false)
    public long outletId;

    @Column(nullable = false)
    public String name;

    public String description;

    /** JSON array of agent ids, or null for every agent of the outlet. */
    public String agents;

    /** The draft flow document exactly as posted, editor positions included. */
    @Column(nullable = false)
    public String draft;

    @Column(name = "published_version")
    public Integer publishedVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(nullable = false)
    public boolean deleted;

    /** The outlet's flow, unless deleted; another outlet's flow is as absent as a missing one. */
    static Optional<FlowEntity> owned(long pk, long outletId) {
        return FlowEntity.<FlowEntity>findByIdOptional(pk).filter(f -> f.outletId == outletId && !f.deleted);
    }

    /** Like {@link #owned} with the row locked, so concurrent publishes number versions one after the other. */
    static Optional<FlowEntity> ownedForUpdate(long pk, long outletId) {
        return FlowEntity.<FlowEntity>findByIdOptional(pk, LockModeType.PESSIMISTIC_WRITE)
                .filter(f -> f.outletId == outletId && !f.deleted);
    }

    /** Flows that run for the outlet's calls: not deleted and published. The agent filter is applied by the caller. */
    static List<FlowEntity> live(long outletId) {
        return list("outletId = ?1 and deleted = false and publishedVersion is not null order by pk", outletId);
    }
}
