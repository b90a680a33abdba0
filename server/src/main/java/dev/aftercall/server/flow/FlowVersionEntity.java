package dev.aftercall.server.flow;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A published flow document. Never changed once written: runs record the version they ran. */
@Entity
@Table(name = "flow_version")
public class FlowVersionEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "flow_pk", nullable = false)
    public long flowPk;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String document;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    static Optional<FlowVersionEntity> of(long flowPk, int version) {
        return find("flowPk = ?1 and version = ?2", flowPk, version).firstResultOptional();
    }

    static List<FlowVersionEntity> allOf(long flowPk) {
        return list("flowPk = ?1 order by version", flowPk);
    }

    static int latest(long flowPk) {
        Integer max = getEntityManager()
                .createQuery("select max(v.version) from FlowVersionEntity v where v.flowPk = ?1", Integer.class)
                .setParameter(1, flowPk)
                .getSingleResult();
        return max == null ? 0 : max;
    }
}
