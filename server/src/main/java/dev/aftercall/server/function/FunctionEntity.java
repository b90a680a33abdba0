package dev.aftercall.server.function;

import dev.aftercall.server.setup.SetupChanges;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A post-call function of one outlet: basic (config JSON) or advanced (JavaScript code). */
@Entity
@EntityListeners(SetupChanges.Listener.class)
@Table(name = "post_call_function")
public class FunctionEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "outlet_id", nullable = false)
    public long outletId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String mode;

    @Column(name = "run_order", nullable = false)
    public int runOrder;

    @Column(nullable = false)
    public boolean enabled;

    /** JSON array of agent ids, or null for every agent of the outlet. */
    public String agents;

    /** The JavaScript source of an advanced function. */
    public String code;

    /** The configuration JSON of a basic function. */
    public String config;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The outlet's function; another outlet's is as absent as a missing one. */
    static Optional<FunctionEntity> owned(long pk, long outletId) {
        return FunctionEntity.<FunctionEntity>findByIdOptional(pk).filter(f -> f.outletId == outletId);
    }

    static List<FunctionEntity> ofOutlet(long outletId) {
        return list("outletId = ?1 order by runOrder, pk", outletId);
    }

    /** Enabled functions in run order; the agent filter is applied by the caller. */
    static List<FunctionEntity> enabled(long outletId) {
        return list("outletId = ?1 and enabled = true order by runOrder, pk", outletId);
    }

    static boolean nameTaken(long outletId, String name, Long exceptPk) {
        return exceptPk == null ? count("outletId = ?1 and name = ?2", outletId, name) > 0
                : count("outletId = ?1 and name = ?2 and pk <> ?3", outletId, name, exceptPk) > 0;
    }

    static int nextOrder(long outletId) {
        Integer max = find("select max(f.runOrder) from FunctionEntity f where f.outletId = ?1", outletId)
                .project(Integer.class).firstResult();
        return max == null ? 1 : max + 1;
    }
}
