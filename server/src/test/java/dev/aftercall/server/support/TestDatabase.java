package dev.aftercall.server.support;

import dev.aftercall.server.auth.OutletEntity;
import dev.aftercall.server.call.CallEntity;
import dev.aftercall.server.job.JobEntity;
import dev.aftercall.server.tx.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Direct database access for tests: setting up rows the API cannot create, and counting what it stored. */
@ApplicationScoped
public class TestDatabase {
    public static final long SECOND_OUTLET = 2;

    @Inject
    Sql sql;

    /** Creates the outlet unless it exists. */
    @Transactional
    public void ensureOutlet(long id, String name) {
        if (OutletEntity.findById(id) == null) {
            OutletEntity outlet = new OutletEntity();
            outlet.id = id;
            outlet.name = name;
            outlet.persist();
        }
    }

    @Transactional
    public long countCalls(long outletId, String callId) {
        return CallEntity.count("outletId = ?1 and callId = ?2", outletId, callId);
    }

    @Transactional
    public long countJobs(long outletId, String callId) {
        return JobEntity.count("callPk in (select c.pk from CallEntity c where c.outletId = ?1 and c.callId = ?2)",
                outletId, callId);
    }

    @Transactional
    public long countJobsOfCallPk(long callPk) {
        return JobEntity.count("callPk", callPk);
    }

    /** Jobs and flow runs whose call is gone: none may outlive its call, with or without a foreign key saying so. */
    @Transactional
    public long countOrphans() {
        return sql.query("""
                select (select count(*) from job j where not exists (select 1 from call c where c.pk = j.call_pk))
                     + (select count(*) from flow_run r where not exists (select 1 from call c where c.pk = r.call_pk))
                """, row -> row.getLong(1)).get(0);
    }

    /**
     * A call whose job is marked running under the lease of a worker that no longer exists (its lease ran out):
     * what a process killed mid-run leaves behind. With {@code onCallRow}, the job is the call row itself, as intake
     * stores a call it hands straight to a worker (V17); else a job row, as for a call claimed from the queue.
     */
    @Transactional
    public void insertAbandonedCall(long outletId, String callId, boolean onCallRow) {
        Instant now = Instant.now();
        // The agent lets the test count the stages' runs.
        CallEntity call = persistCall(outletId, callId, TestStage.COUNTED_AGENT, CallEntity.PROCESSING,
                onCallRow ? 1 : null);
        if (onCallRow) {
            leaseCallRow(call.pk, "worker-killed-mid-run", now.minus(Duration.ofSeconds(1)));
            return;
        }
        JobEntity job = JobEntity.dueNow(JobEntity.PROCESS_CALL, call.pk, now.minus(Duration.ofMinutes(5)));
        job.status = JobEntity.RUNNING;
        job.attempts = 1;
        job.leaseOwner = "worker-killed-mid-run";
        job.leaseUntil = now.minus(Duration.ofSeconds(1));
        job.persist();
    }

    /**
     * {@code count} calls, each with a queued {@code process_call} job due at {@code runAt} plus i milliseconds
     * (i = 0, 1, …, so their claim order is their insertion order); answers the jobs' pks in that order.
     */
    @Transactional
    public List<Long> insertQueuedJobs(String callIdPrefix, int count, Instant runAt) {
        Instant now = Instant.now();
        List<Long> pks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CallEntity call = persistCall(1, callIdPrefix + "-" + i, null, CallEntity.QUEUED, null);
            JobEntity job = JobEntity.dueNow(JobEntity.PROCESS_CALL, call.pk, now);
            job.runAt = runAt.plusMillis(i);
            job.persist();
            pks.add(job.pk);
        }
        return pks;
    }

    /** The lease owner of each job that is running, by job pk. */
    @Transactional
    public Map<Long, String> runningJobOwners(List<Long> jobPks) {
        return JobEntity.<JobEntity>list("pk in ?1 and status = ?2", jobPks, JobEntity.RUNNING).stream()
                .collect(Collectors.toMap(job -> job.pk, job -> job.leaseOwner));
    }

    /**
     * Puts the running job of the outlet's call under {@code owner}'s lease until {@code until}: another process's.
     * The lease is where the job keeps it: its job row, or its call row (V17).
     */
    @Transactional
    public void leaseJob(long outletId, String callId, String owner, Instant until) {
        int leased = sql.update("update job set lease_owner = ?, lease_until = ? where status = 'running' "
                        + "and call_pk = (select pk from call where outlet_id = ? and call_id = ?)",
                owner, until, outletId, callId)
                + sql.update("update call set lease_owner = ?, lease_until = ? where outlet_id = ? and call_id = ? "
                + "and lease_owner is not null", owner, until, outletId, callId);
        if (leased != 1) {
            throw new IllegalStateException(leased + " running jobs of call " + callId + " leased");
        }
    }

    /** The owner of the lease kept on the call row (V17), or null when its run is not leased there. */
    @Transactional
    public String callLeaseOwner(long callPk) {
        return sql.query("select lease_owner from call where pk = ?", row -> row.getString(1), callPk).get(0);
    }

    /** A call stored {@code processing} with its job leased by {@code owner} on its row until {@code until}. */
    @Transactional
    public long insertCallLeasedBy(String callId, String owner, Instant until) {
        CallEntity call = persistCall(1, callId, null, CallEntity.PROCESSING, 1);
        leaseCallRow(call.pk, owner, until);
        return call.pk;
    }

    /** Stores a call of the outlet as posted now (its document names its id and {@code agent}, if any). */
    private static CallEntity persistCall(long outletId, String callId, String agent, String status, Integer attempts) {
        Instant now = Instant.now();
        CallEntity call = new CallEntity();
        call.outletId = outletId;
        call.callId = callId;
        call.agent = agent;
        call.status = status;
        call.document = "{\"call_id\":\"" + callId + "\"" + (agent == null ? "" : ",\"agent\":\"" + agent + "\"")
                + "}";
        call.createdAt = now;
        call.updatedAt = now;
        call.attempts = attempts;
        call.persist(); // an identity key: the row is inserted now, so plain SQL may update it at once
        return call;
    }

    /** Leases the call's run on its row (V17), as intake does for a call it hands straight to a worker. */
    private void leaseCallRow(long callPk, String owner, Instant until) {
        sql.update("update call set lease_owner = ?, lease_until = ? where pk = ?", owner, until, callPk);
    }

    /** The job rows of the call (a queued, running or given-up job; a finished one is deleted). */
    @Transactional
    public List<JobEntity> jobsOfCallPk(long callPk) {
        return JobEntity.list("callPk", callPk);
    }

    /** The call as stored now. */
    @Transactional
    public CallEntity call(long callPk) {
        return CallEntity.findById(callPk);
    }

    /** The lease end kept on the call row (V17), or null. */
    @Transactional
    public Instant callLeaseUntil(long callPk) {
        return sql.query("select lease_until from call where pk = ?", row -> {
            OffsetDateTime until = row.getObject(1, OffsetDateTime.class);
            return until == null ? null : until.toInstant();
        }, callPk).get(0);
    }

    @Transactional
    public long countQueuedJobs() {
        return JobEntity.count("status", JobEntity.QUEUED);
    }

    /**
     * The plan of {@code statement} with its {@code ?} parameters bound to {@code args}, as the database ran it
     * (EXPLAIN ANALYZE, on H2 and PostgreSQL alike), one string.
     */
    @Transactional
    public String explainAnalyze(String statement, Object... args) {
        return String.join("\n", sql.query("explain analyze " + statement, row -> row.getString(1), args));
    }

    /** As {@link #explainAnalyze}, after {@code setup} ran in the same transaction (settings it makes there). */
    @Transactional
    public String explainAnalyzeAfter(String setup, String statement, Object... args) {
        sql.query(setup, row -> null);
        return explainAnalyze(statement, args);
    }

    /** Whether the tests run on H2 (the default test profile) rather than PostgreSQL (the pg profile). */
    @Transactional
    public boolean isH2() {
        return sql.isH2();
    }
}
