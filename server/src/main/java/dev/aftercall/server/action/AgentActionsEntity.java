package dev.aftercall.server.action;

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
import java.util.Optional;

/** The post-call actions of one agent of an outlet: a JSON array, sealed (webhook headers carry credentials). */
@Entity
@EntityListeners(SetupChanges.Listener.class)
@Table(name = "agent_actions")
public class AgentActionsEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "outlet_id")
    public long outletId;

    public String agent;

    @Column(name = "actions_sealed")
    public String actionsSealed;

    @Column(name = "updated_at")
    public Instant updatedAt;

    static Optional<AgentActionsEntity> of(long outletId, String agent) {
        return find("outletId = ?1 and agent = ?2", outletId, agent).firstResultOptional();
    }

    static String sealContext(long outletId) {
        return "agent_actions:outlet:" + outletId;
    }
}
