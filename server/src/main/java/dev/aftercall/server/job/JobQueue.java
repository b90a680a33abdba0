package dev.aftercall.server.job;

import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.tx.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.ToIntFunction;

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
    /** The claim on PostgreSQL (see {@link #claim}); parameters: now, limit. */
    static final String CLAIM_POSTGRESQL = """
            select pk, call_pk, kind, ref_pk, attempts from job
            where status = 'queued' and run_at <= ?
            order by run_at
            limit ?
            for update skip locked""";
    /**
     * Run first in a PostgreSQL claim's transaction (and only for it): the planner may then walk an index only.
     * Without statistics for the job table (a new database, or autovacuum off as on the bench machine) it guesses
     * a third of the queue due and, at 100,000 queued, reads and sorts all of them through a bitmap scan: 40-67 ms
     * per claim instead of 0.05 ms (bench/LINEARITY.md, 2026-12-05).
     */
    static final String CLAIM_PLAN_POSTGRESQL =
            "select set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true)";
    /** The claim on H2 (see {@link #claim}); parameters: now, limit, now. */
    static final String CLAIM_H2 = """
            select pk, call_pk, kind, ref_pk, attempts from job
            where pk in (select pk from job
                         where status = 'queued' and run_at <= ?
                         order by status, run_at
                         limit ?)
              and status = 'queued' and run_at <= ?
            order by run_at
            for update skip locked""";
    /**
     * The writes of a job's outcome: each applies only while the writer still holds the job's lease. A finished job
     * is deleted (V16): one row version and index entries less per job, and the table holds only work to do.
     */
    private static final String DONE = """
            delete from job
            where pk = ? and lease_owner = ? and status = 'running'""";
    private static final String GIVEN_UP = """
            update job set status = 'failed', lease_owner = null, lease_until = null, last_error = ?
            where pk = ? and lease_owner = ? and status = 'running'""";
    private static final String RETRY = """
            update job set status = 'queued', run_at = ?, lease_owner = null, lease_until = null, last_error = ?
            where pk = ? and lease_owner = ? and status = 'running'""";

    private static final int HEARTBEAT_CHUNK = 500;

    /** Outcome of a failed run. */
    public enum Failure { RETRY_SCHEDULED, GAVE_UP, LEASE_LOST }

    private final Sql sql;
    private final Event<JobsEnqueued> enqueued;
    private final CallRowLeases callRows;

    JobQueue(Sql sql, Event<JobsEnqueued> enqueued, CallRowLeases callRows) {
        this.sql = sql;
        this.enqueued = enqueued;
        this.callRows = callRows;
    }

    /** Queues a job due now, in the caller's transaction; workers hear of it once that transaction commits. */
    @Transactional
    public long enqueue(String kind, long callPk) {
        return enqueue(kind, callPk, null, Instant.now());
    }

    /**
     * Queues a job due at {@code runAt} (now or later) about row {@code refPk} of the call (null for none), in the
     * caller's transaction; answers the job's pk. Fails when the call is gone (retention deleted it meanwhile): with
     * 409 on PostgreSQL, with H2's foreign key violation there.
     *
     * <p>On PostgreSQL the job table has no foreign key to call (V16_2: intake, which writes most jobs, inserts the
     * call in the same transaction), so the check the key made is made here, for these rarer jobs
     * ({@link Sql#lockParent}): retention's {@code FOR UPDATE SKIP LOCKED} passes a call so locked over.
     */
    @Transactional
    public long enqueue(String kind, long callPk, Long refPk, Instant runAt) {
        if (!sql.lockParent("call", callPk)) {
            throw new ApiException(409, "the call was deleted (retention) before its " + kind
                    + " job could be queued", null, null);
        }
        return insertAll(List.of(new NewJob(kind, callPk, refPk, runAt)))[0];
    }

    /** A job of {@code kind} for call {@code callPk} (about its row {@code refPk}, or null), due at {@code runAt}. */
    public record NewJob(String kind, long callPk, Long refPk, Instant runAt) {
    }

    /**
     * Queues {@code jobs} in the caller's transaction, with one statement for all of them (a JDBC batch); answers
     * their pks in the order of {@code jobs}. Workers hear of them once that transaction commits.
     */
    @Transactional
    public long[] insertAll(List<NewJob> jobs) {
        if (jobs.isEmpty()) {
            return new long[0];
        }
        Instant now = Instant.now();
        List<Object[]> rows = new ArrayList<>(jobs.size());
        for (NewJob job : jobs) {
            rows.add(new Object[] {job.callPk(), job.kind(), JobEntity.QUEUED, job.runAt(), job.refPk(), now});
        }
        long[] pks = sql.insertAll("""
                insert into job (call_pk, kind, status, run_at, attempts, ref_pk, created_at)
                values (?, ?, ?, ?, 0, ?, ?)""", rows);
        enqueued.fire(new JobsEnqueued());
        return pks;
    }

    /**
     * Takes up to {@code limit} due jobs, oldest first. Locked rows are skipped rather than waited for.
     *
     * <p>The query has one shape per database, each read from the index in run_at order and stopped after
     * {@code limit} rows, so a claim costs the same with 100 or 100,000 jobs queued (issue 6, bench/LINEARITY.md):
     * <ul>
     *   <li>PostgreSQL locks as it reads ({@code limit … for update skip locked}): a row another process holds is
     *   passed over and the next due one taken, so several processes claim side by side without waiting or starving.
     *   The walk in order comes from the partial index of V13_1 (db/postgresql); {@link #CLAIM_PLAN_POSTGRESQL}
     *   keeps the planner on it when it has no statistics to go by.</li>
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
        List<ClaimedJob> jobs = sql.isH2()
                ? sql.query(CLAIM_H2, JobQueue::claimed, now, limit, now)
                : claimOnPostgresql(now, limit);
        if (jobs.isEmpty()) {
            return jobs;
        }
        List<Long> pks = jobs.stream().map(ClaimedJob::pk).toList();
        // A claim counts as an attempt, so a job that kills its worker every time still runs out of attempts.
        sql.update("update job set status = 'running', lease_owner = ?, lease_until = ?, attempts = attempts + 1 "
                + "where pk in (" + Sql.placeholders(pks) + ")", Sql.args(pks, owner, now.plus(lease)));
        return jobs;
    }

    /**
     * When the earliest queued job is due (it may be now), or null when none is queued: read in index order like
     * the claim, so it costs the same however long the queue.
     */
    @Transactional
    public Instant nextRunAt() {
        List<Instant> first = sql.query("select run_at from job where status = 'queued' order by status, run_at "
                + "limit 1", row -> row.getObject(1, OffsetDateTime.class).toInstant());
        return first.isEmpty() ? null : first.get(0);
    }

    /**
     * Finishes the job: deletes it and tells its handler, which keeps what it needs of it (a call its attempts);
     * false when the lease was lost and nothing was changed.
     */
    @Transactional
    public boolean complete(ClaimedJob job, String owner, JobHandler handler) {
        return completeAll(List.of(new Done(job, handler)), owner)[0];
    }

    /** A job whose run succeeded, with the handler of its kind. */
    public record Done(ClaimedJob job, JobHandler handler) {
    }

    /**
     * As {@link #complete}, for many jobs with one statement (a JDBC batch); answers, for each, whether it was
     * finished (false: its lease was lost).
     */
    @Transactional
    public boolean[] completeAll(List<Done> done, String owner) {
        List<Object[]> rows = new ArrayList<>(done.size());
        List<ClaimedJob> onCallRows = new ArrayList<>();
        for (Done job : done) {
            if (job.job().onCallRow()) {
                onCallRows.add(job.job());
            } else {
                rows.add(new Object[] {job.job().pk(), owner});
            }
        }
        int[] deleted = rows.isEmpty() ? new int[0] : sql.updateAll(DONE, rows);
        int[] completed = onCallRows.isEmpty() ? new int[0] : callRows.completeAll(onCallRows, owner);
        boolean[] finished = new boolean[done.size()];
        for (int i = 0, row = 0, call = 0; i < finished.length; i++) {
            finished[i] = (done.get(i).job().onCallRow() ? completed[call++] : deleted[row++]) > 0;
            if (finished[i]) {
                done.get(i).handler().recorded(done.get(i).job(), JobHandler.JobOutcome.DONE, null);
            }
        }
        return finished;
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
        boolean changed;
        if (job.onCallRow()) {
            changed = callRows.fail(job, owner, error, last ? null : now.plus(retryDelay));
        } else {
            changed = (last ? sql.update(GIVEN_UP, error, job.pk(), owner)
                    : sql.update(RETRY, now.plus(retryDelay), error, job.pk(), owner)) > 0;
        }
        if (!changed) {
            return Failure.LEASE_LOST;
        }
        handler.recorded(job, last ? JobHandler.JobOutcome.GAVE_UP : JobHandler.JobOutcome.RETRY_SCHEDULED, error);
        return last ? Failure.GAVE_UP : Failure.RETRY_SCHEDULED;
    }

    /**
     * Extends the leases of the jobs {@code owner} is running, {@code running}: those in the job table
     * ({@link #heartbeat}) and those on their call row ({@link CallRowLeases}), skipping rows locked by a write of
     * their outcome in the same way.
     */
    @Transactional
    public int extendLeases(String owner, Duration lease, Collection<ClaimedJob> running) {
        List<Long> jobPks = new ArrayList<>();
        List<Long> callPks = new ArrayList<>();
        for (ClaimedJob job : running) {
            if (job.onCallRow()) {
                callPks.add(job.callPk());
            } else {
                jobPks.add(job.pk());
            }
        }
        Instant until = Instant.now().plus(lease);
        return heartbeat(owner, lease, jobPks) + inChunks(callPks, chunk -> callRows.heartbeat(owner, until, chunk));
    }

    /**
     * Extends the leases of the jobs {@code owner} is running, {@code pks}: only those, so a row left running under
     * this owner that nothing here runs (its start was lost) lets its lease run out and goes back to the queue.
     * A row another transaction holds is skipped, not waited for: it is a group commit finishing that job, and one
     * that finishes several jobs locks them in its own order, so waiting while holding the others deadlocked with
     * it (seen on PostgreSQL under {@code bench/linearity.sh}). A skipped job still running gets its lease extended
     * at the next heartbeat, a third of a lease later.
     */
    @Transactional
    public int heartbeat(String owner, Duration lease, Collection<Long> pks) {
        Instant until = Instant.now().plus(lease);
        return inChunks(List.copyOf(pks), chunk -> sql.update("update job set lease_until = ? where pk in (select pk "
                + "from job where lease_owner = ? and status = 'running' and pk in (" + Sql.placeholders(chunk) + ") "
                + "for update skip locked)", Sql.args(chunk, until, owner)));
    }

    /** Runs {@code update} on {@code pks} a chunk of at most {@link #HEARTBEAT_CHUNK} at a time; sums its counts. */
    private static int inChunks(List<Long> pks, ToIntFunction<List<Long>> update) {
        int changed = 0;
        for (int from = 0; from < pks.size(); from += HEARTBEAT_CHUNK) {
            changed += update.applyAsInt(pks.subList(from, Math.min(pks.size(), from + HEARTBEAT_CHUNK)));
        }
        return changed;
    }

    /**
     * Puts running jobs whose lease ran out back in the queue: their worker died or stalled. The next claim picks
     * them up; their stages skip what they had already finished.
     */
    @Transactional
    public int requeueExpired() {
        Instant now = Instant.now();
        int requeued = sql.update("""
                update job set status = 'queued', run_at = ?, lease_owner = null, lease_until = null
                where status = 'running' and lease_until < ?""", now, now);
        return requeued + callRows.requeueExpired();
    }

    /**
     * Hands back the jobs {@code owner} still holds, at shutdown, so other processes need not wait for the leases
     * to expire: those in the job table, and those of {@code running} whose lease is on their call row. An
     * interrupted run was not the job's fault, so it does not count as an attempt.
     */
    @Transactional
    public int release(String owner, Collection<ClaimedJob> running) {
        List<Long> onCallRows = running.stream().filter(ClaimedJob::onCallRow).map(ClaimedJob::callPk).toList();
        return sql.update("""
                update job set status = 'queued', lease_owner = null, lease_until = null, attempts = attempts - 1
                where lease_owner = ? and status = 'running'""", owner) + callRows.release(owner, onCallRows);
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
        int changed = sql.update("""
                update job set run_at = ?
                where call_pk = ? and kind = ? and status = 'queued' and attempts = 0""",
                Instant.now(), callPk, JobEntity.PROCESS_CALL);
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
        return sql.query("select count(*) from (select pk from job where status = 'queued' limit ?) queued",
                row -> row.getLong(1), cap).get(0);
    }

    private List<ClaimedJob> claimOnPostgresql(Instant now, int limit) {
        sql.query(CLAIM_PLAN_POSTGRESQL, row -> null);
        return sql.query(CLAIM_POSTGRESQL, JobQueue::claimed, now, limit);
    }

    private static ClaimedJob claimed(ResultSet row) throws SQLException {
        return new ClaimedJob(row.getLong("pk"), row.getLong("call_pk"), row.getString("kind"),
                Sql.nullableLong(row, "ref_pk"), row.getInt("attempts") + 1);
    }
}
