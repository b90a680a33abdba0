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

/**
 * One flow run for one call, written at its first checkpoint (after a node with side effects) or at its end,
 * whichever comes first. {@code state} is the engine's {@code RunState} as JSON, rewritten at every checkpoint, so a
 * run interrupted by a crash resumes at the node it had reached.
 */
@Entity
@Table(name = "flow_run")
public class FlowRunEntity extends PanacheEntityBase {
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "call_pk", nullable = false)
    public long callPk;

    @Column(name = "flow_pk", nullable = false)
    public long flowPk;

    @Column(name = "flow_version", nullable = false)
    public int flowVersion;

    @Column(name = "run_key", nullable = false)
    public String runKey;

    /** running, completed or failed. */
    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String state;

    public String error;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    static List<FlowRunEntity> ofCall(long callPk) {
        return list("callPk = ?1 order by pk", callPk);
    }

    /** A flow runs once per call: the key is the call id and the flow, and prefixes every Idempotency-Key. */
    static String runKey(String callId, long flowPk) {
        return callId + ":" + flowPk;
    }
}
