package dev.aftercall.server.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The job table as a queue: enqueue, claim under a lease, heartbeat, finish. Claims and state changes are plain
 * SQL so that any number of processes can share one database:
 * <ul>
 *   <li>a claim selects due jobs {@code FOR UPDATE SKIP LOCKED} and marks them {@code running} with this process's
 *   lease in the same transaction, so two processes never take the same job and neither waits for the other;</li>
 *   <li>every later change is conditional on still holding the lease ({@code lease_owner = :owner}), so a process
 *   that lost its lease (it stalled past the lease and another process took over) cannot overwrite the outcome.</li>
 * </ul>
 * Times come from this JVM's clock; processes sharing a database are expected to keep their clocks in sync (NTP).
 */
@ApplicationScoped
public class JobQueue {
    /** The claim on PostgreSQL (see {@link #claim}); parameters {@code :now} and {@code :limit}. */
    static final String CLAIM_POSTGRESQL = """
            select pk, call_pk, kind, ref_pk, attempts from job
            where status = 'queued' and run_at <= :now
            order by run_at
            limit :limit
            for update skip locked""";
    /** The claim on H2 (see {@link #claim}); parameters {@code :now} and {@code :limit}. */
    static final String CLAIM_H2 = """
            select pk, call_pk, kind, ref_pk, attempts from job
            where pk in (select pk from job
                         where status = 'queued' and run_at <= :now
                         order by status, run_at
                         limit :limit)
              and status = 'queued' and run_at <= :now
            order by run_at
            for update skip locked""";

    /** Outcome of a failed run. */
    public enum Failure { RETRY_SCHEDULED, GAVE_UP, LEASE_LOST }

    private final EntityManager em;
    private final Event<JobsEnqueued> enqueued;
    /** Set by the first claim: the database kind is fixed at build time, so it never changes in a process. */
    private volatile Boolean onH2;

    public JobQueue(EntityManager em, Event<JobsEnqueued> enqueued) {
        this.em = em;
        this.enqueued = enqueued;
    }

    /** Queues a job due now, in the caller's transaction; workers hear of it once that transaction commits. */
    @Transactional
    public JobEntity enqueue(String kind, long callPk) {
        return enqueue(kind, callPk, null, Instant.now());
    }

    /**
     * Queues a job due at {@code runAt} (now or later) about row {@code refPk} of the call (null for none), in the
     * caller's transaction.
     */
    @Transactional
    public JobEntity enqueue(String kind, long callPk, Long refPk, Instant runAt) {
        JobEntity job = JobEntity.dueNow(kind, callPk, Instant.now());
        job.refPk = refPk;
        job.runAt = runAt;
        job.persist();
        enqueued.fire(new JobsEnqueued());
        return job;
    }

    /**
     * Takes up to {@code limit} due jobs, oldest first. Locked rows are skipped rather than waited for.
     *
     * <p>The query has one shape per database, each read from the index in run_at order and stopped after
     * {@code limit} rows, so a claim costs the same with 100 or 100,000 jobs queued (issue 6, bench/LINEARITY.md):
     * <ul>
     *   <li>PostgreSQL locks as it reads ({@code limit … for update skip locked}): a row another process holds is
     *   passed over and the next due one taken, so several processes claim side by side without waiting or starving.
     *   The walk in order comes from the partial index of V13_1 (db/postgresql), which the planner picks even on a
     *   table it has no statistics for.</li>
     *   <li>H2 drops the index order of any {@code for update} query over a secondary index (it reads and sorts
     *   every queued job: scanCount = queue size). So it picks the oldest due jobs first in a subquery that is not
     *   locking, ordered by the index's own columns, then locks those rows, checking each is still queued and due
     *   once locked. A row locked meanwhile is skipped, not replaced: under contention H2 may return fewer jobs than
     *   are due (as its {@code limit … skip locked} did before); the embedded database has a single process, whose
     *   one claimer thread does not contend with itself.</li>
     * </ul>
     */
    @Transactional
    public List<ClaimedJob> claim(int limit, String owner, Duration lease) {
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(isH2() ? CLAIM_H2 : CLAIM_POSTGRESQL)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<ClaimedJob> jobs = rows.stream()
                .map(row -> new ClaimedJob(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                        (String) row[2], row[3] == null ? null : ((Number) row[3]).longValue(),
                        ((Number) row[4]).intValue() + 1))
                .toList();
        // A claim counts as an attempt, so a job that kills its worker every time still runs out of attempts.
        em.createNativeQuery("""
                        update job set status = 'running', lease_owner = :owner, lease_until = :until,
                                       attempts = attempts + 1
                        where pk in (:pks)""")
                .setParameter("owner", owner)
                .setParameter("until", now.plus(lease))
                .setParameter("pks", jobs.stream().map(ClaimedJob::pk).toList())
                .executeUpdate();
        return jobs;
    }

    /** Finishes the job (and tells its handler); false when the lease was lost and nothing was changed. */
    @Transactional
    public boolean complete(ClaimedJob job, String owner, JobHandler handler) {
        int changed = leased(job, owner, """
                update job set status = 'done', lease_owner = null, lease_until = null
                where pk = :pk and lease_owner = :owner and status = 'running'""").executeUpdate();
        if (changed == 0) {
            return false;
        }
        handler.recorded(job, JobHandler.JobOutcome.DONE, null);
        return true;
    }

    /**
     * Records a failed run: the job goes back to the queue after {@code retryDelay}, or, on its last attempt, it is
     * marked failed with {@code error}. Its handler hears of either in the same transaction.
     */
    @Transactional
    public Failure fail(ClaimedJob job, String owner, String error, JobHandler handler, int maxAttempts,
                        Duration retryDelay) {
        Instant now = Instant.now();
        boolean last = job.attempt() >= maxAttempts;
        Query update = last
                ? leased(job, owner, """
                        update job set status = 'failed', lease_owner = null, lease_until = null, last_error = :error
                        where pk = :pk and lease_owner = :owner and status = 'running'""")
                : leased(job, owner, """
                        update job set status = 'queued', run_at = :runAt, lease_owner = null, lease_until = null,
                                       last_error = :error
                        where pk = :pk and lease_owner = :owner and status = 'running'""")
                        .setParameter("runAt", now.plus(retryDelay));
        if (update.setParameter("error", error).executeUpdate() == 0) {
            return Failure.LEASE_LOST;
        }
        handler.recorded(job, last ? JobHandler.JobOutcome.GAVE_UP : JobHandler.JobOutcome.RETRY_SCHEDULED, error);
        return last ? Failure.GAVE_UP : Failure.RETRY_SCHEDULED;
    }

    /** Extends the leases of every job {@code owner} is running. */
    @Transactional
    public int heartbeat(String owner, Duration lease) {
        return em.createNativeQuery("update job set lease_until = :until where lease_owner = :owner and status = 'running'")
                .setParameter("until", Instant.now().plus(lease))
                .setParameter("owner", owner)
                .executeUpdate();
    }

    /**
     * Puts running jobs whose lease ran out back in the queue: their worker died or stalled. The next claim picks
     * them up; their stages skip what they had already finished.
     */
    @Transactional
    public int requeueExpired() {
        Instant now = Instant.now();
        return em.createNativeQuery("""
                        update job set status = 'queued', run_at = :now, lease_owner = null, lease_until = null
                        where status = 'running' and lease_until < :now""")
                .setParameter("now", now)
                .executeUpdate();
    }

    /**
     * Hands back the jobs {@code owner} still holds, at shutdown, so other processes need not wait for the leases
     * to expire. An interrupted run was not the job's fault, so it does not count as an attempt.
     */
    @Transactional
    public int release(String owner) {
        return em.createNativeQuery("""
                        update job set status = 'queued', lease_owner = null, lease_until = null,
                                       attempts = attempts - 1
                        where lease_owner = :owner and status = 'running'""")
                .setParameter("owner", owner)
                .executeUpdate();
    }

    /** Requeues the job of a failed call with a fresh set of attempts, in the caller's transaction. */
    @Transactional
    public void requeueFailed(long callPk) {
        int requeued = JobEntity.update("status = ?1, runAt = ?2, attempts = 0, leaseOwner = null, leaseUntil = null "
                        + "where callPk = ?3 and kind = ?4 and status = ?5", JobEntity.QUEUED, Instant.now(), callPk,
                JobEntity.PROCESS_CALL, JobEntity.FAILED);
        if (requeued == 0) {
            throw new IllegalStateException("call pk " + callPk + " has no failed job to requeue");
        }
        enqueued.fire(new JobsEnqueued());
    }

    /**
     * Makes the call's {@code process_call} job due now, if it is still waiting for its first run (queued, never
     * attempted); answers whether it was. The updated row stays locked until the caller's transaction ends, so no
     * worker claims the job meanwhile: the caller may still change the call before its first run.
     */
    @Transactional
    public boolean makeDueNowIfQueued(long callPk) {
        int changed = em.createNativeQuery("""
                        update job set run_at = :now
                        where call_pk = :call and kind = :kind and status = 'queued' and attempts = 0""")
                .setParameter("now", Instant.now())
                .setParameter("call", callPk)
                .setParameter("kind", JobEntity.PROCESS_CALL)
                .executeUpdate();
        if (changed > 0) {
            enqueued.fire(new JobsEnqueued());
        }
        return changed > 0;
    }

    /**
     * Queued jobs (due or not), counted up to {@code cap}: an exact count reads every queued job, which on a backlog
     * of 100,000 is the one periodic query whose cost grows with the queue. Answers {@code cap} when at least that
     * many are queued.
     */
    @Transactional
    public long queueDepth(long cap) {
        return ((Number) em.createNativeQuery("""
                        select count(*) from (select pk from job where status = 'queued' limit :cap) queued""")
                .setParameter("cap", cap)
                .getSingleResult()).longValue();
    }

    /** Whether this process runs on H2, whose claim needs its own query shape (see {@link #claim}). */
    private boolean isH2() {
        Boolean h2 = onH2;
        if (h2 == null) {
            h2 = em.unwrap(Session.class).doReturningWork(connection ->
                    "H2".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName()));
            onH2 = h2;
        }
        return h2;
    }

    /** A statement on a job that only applies while {@code owner} still holds its lease. */
    private Query leased(ClaimedJob job, String owner, String sql) {
        return em.createNativeQuery(sql).setParameter("pk", job.pk()).setParameter("owner", owner);
    }
}
