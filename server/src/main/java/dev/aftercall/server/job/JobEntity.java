package dev.aftercall.server.job;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A unit of durable work. Claimed, leased and finished by {@link JobQueue} in plain SQL (the claim needs
 * {@code FOR UPDATE SKIP LOCKED}); the entity is for creating jobs and reading them. A job is {@code queued},
 * {@code running} or, its attempts used up, {@code failed}; a job that finishes is deleted.
 */
@Entity
@Table(name = "job")
public class JobEntity extends PanacheEntityBase {
    public static final String PROCESS_CALL = "process_call";

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "call_pk")
    public long callPk;

    public String kind;

    public String status;

    @Column(name = "run_at")
    public Instant runAt;

    public int attempts;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The row a job of another kind than {@code process_call} is about (a delivery, a scheduled call). */
    @Column(name = "ref_pk")
    public Long refPk;

    /** A job of {@code kind} for the call, due now. */
    public static JobEntity dueNow(String kind, long callPk, Instant now) {
        JobEntity job = new JobEntity();
        job.kind = kind;
        job.callPk = callPk;
        job.status = QUEUED;
        job.runAt = now;
        job.createdAt = now;
        return job;
    }
}
