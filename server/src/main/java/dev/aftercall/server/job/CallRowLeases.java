package dev.aftercall.server.job;

import dev.aftercall.server.call.CallEntity;
import dev.aftercall.server.tx.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@code process_call} runs whose lease is kept on their call row, not in a job row (V17): those intake hands
 * straight to this process's worker ({@link JobWorker#reserve}). Such a call is stored {@code processing} with
 * {@code lease_owner} and {@code lease_until} set; the call row is its job. While the run goes well, nothing else
 * is written for it: no job inserted at intake and deleted when it finishes. Everything else about a job needs a job
 * row, so a run that fails, whose lease runs out (its process died) or that is handed back at shutdown moves into
 * the job table in the same transaction, queued (or given up), and retries, claims and the call's retry endpoint
 * work on it as on any job.
 *
 * <p>As in {@link JobQueue}, every change is conditional on still holding the lease ({@code lease_owner = :owner}):
 * a process whose lease was swept away finds its outcome refused, and the run that took over writes it.
 * All methods run in the caller's transaction.
 */
@ApplicationScoped
class CallRowLeases {
    /** The call is done: its outcome and the end of its lease in one row version. */
    private static final String DONE = """
            update call set status = 'completed', completed_at = ?, updated_at = ?, error = null, attempts = ?,
                            lease_owner = null, lease_until = null
            where pk = ? and lease_owner = ? and status = 'processing'""";
    /** The run failed: the call waits for its retry (queued) or is given up (failed), no longer leased. */
    private static final String FAILED = """
            update call set status = ?, error = ?, updated_at = ?, lease_owner = null, lease_until = null
            where pk = ? and lease_owner = ? and status = 'processing'""";
    private static final String JOB_OF_CALL = """
            insert into job (call_pk, kind, status, run_at, attempts, last_error, created_at)
            values (?, 'process_call', ?, ?, ?, ?, ?)""";
    /**
     * Leases run out, found through the index of each outlet's calls by status (V13), so the sweep reads the calls
     * being processed and no others; no index of its own, which every call would pay for. PostgreSQL is told to keep
     * to that index as for the claim ({@link JobQueue#CLAIM_PLAN_POSTGRESQL}).
     */
    static final String EXPIRED = """
            select c.pk, c.attempts from outlet o join call c on c.outlet_id = o.id
            where c.status = 'processing' and c.lease_owner is not null and c.lease_until < ?
            for update of c skip locked""";
    /**
     * The same on H2, one outlet at a time: H2 joined the other way round (every call read, then its outlet), and
     * with {@code outlet_id in (select ...)} it reads all of an outlet's calls, not those of one status.
     */
    static final String EXPIRED_OF_OUTLET = """
            select pk, attempts from call
            where outlet_id = ? and status = 'processing' and lease_owner is not null and lease_until < ?
            for update skip locked""";
    private static final String OWNED = """
            select pk, attempts from call
            where pk in (%s) and lease_owner = ? and status = 'processing'
            for update skip locked""";

    private final Sql sql;

    CallRowLeases(Sql sql) {
        this.sql = sql;
    }

    /**
     * Completes the calls of {@code jobs}, each only while {@code owner} still holds it: answers, for each, the rows
     * changed (0 where the lease was lost).
     */
    int[] completeAll(List<ClaimedJob> jobs, String owner) {
        Instant now = Instant.now();
        List<Object[]> rows = new ArrayList<>(jobs.size());
        jobs.forEach(job -> rows.add(new Object[] {now, now, job.attempt(), job.callPk(), owner}));
        return sql.updateAll(DONE, rows);
    }

    /**
     * Moves a failed run into the job table: queued again at {@code retryAt}, or failed when {@code retryAt} is
     * null (its last attempt), with {@code error} on the job and the call. False when the lease was lost.
     */
    boolean fail(ClaimedJob job, String owner, String error, Instant retryAt) {
        Instant now = Instant.now();
        boolean last = retryAt == null;
        if (sql.update(FAILED, last ? CallEntity.FAILED : CallEntity.QUEUED, error, now, job.callPk(), owner) == 0) {
            return false;
        }
        sql.update(JOB_OF_CALL, job.callPk(), last ? JobEntity.FAILED : JobEntity.QUEUED, last ? now : retryAt,
                job.attempt(), error, now);
        return true;
    }

    /**
     * Extends {@code owner}'s leases on the calls {@code callPks} (a chunk: {@link JobQueue#extendLeases}); a call
     * locked by its outcome's write is skipped.
     */
    int heartbeat(String owner, Instant until, Collection<Long> callPks) {
        return sql.update("update call set lease_until = ? where pk in (select pk from call where lease_owner = ? "
                + "and status = 'processing' and pk in (" + Sql.placeholders(callPks) + ") for update skip locked)",
                Sql.args(callPks, until, owner));
    }

    /** Queues the calls whose lease ran out (their process died or stalled); answers how many. */
    int requeueExpired() {
        Instant now = Instant.now();
        List<long[]> expired;
        if (sql.isH2()) {
            expired = new ArrayList<>();
            for (long outlet : sql.query("select id from outlet", row -> row.getLong(1))) {
                expired.addAll(sql.query(EXPIRED_OF_OUTLET, CallRowLeases::pkAndAttempts, outlet, now));
            }
        } else {
            sql.query(JobQueue.CLAIM_PLAN_POSTGRESQL, row -> null);
            expired = sql.query(EXPIRED, CallRowLeases::pkAndAttempts, now);
        }
        return queue(expired, 0);
    }

    /**
     * Queues the calls {@code owner} still holds among {@code callPks}, at shutdown: the interrupted run does not
     * count as an attempt.
     */
    int release(String owner, Collection<Long> callPks) {
        if (callPks.isEmpty()) {
            return 0;
        }
        List<Object> args = new ArrayList<>(callPks);
        args.add(owner);
        return queue(sql.query(OWNED.formatted(Sql.placeholders(callPks)), CallRowLeases::pkAndAttempts,
                args.toArray()), -1);
    }

    /** Ends the leases of the locked calls {@code pkAndAttempts} and queues a job for each, due now. */
    private int queue(List<long[]> pkAndAttempts, int attemptsAdded) {
        if (pkAndAttempts.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        List<Long> pks = pkAndAttempts.stream().map(call -> call[0]).toList();
        sql.update("update call set status = 'queued', updated_at = ?, lease_owner = null, lease_until = null "
                + "where pk in (" + Sql.placeholders(pks) + ")", Sql.args(pks, now));
        List<Object[]> jobs = new ArrayList<>(pks.size());
        pkAndAttempts.forEach(call -> jobs.add(new Object[] {call[0], JobEntity.QUEUED, now,
                call[1] + attemptsAdded, null, now}));
        sql.insertAll(JOB_OF_CALL, jobs);
        return pks.size();
    }

    private static long[] pkAndAttempts(ResultSet row) throws SQLException {
        return new long[] {row.getLong(1), row.getInt(2)};
    }
}
