package dev.aftercall.server.call;

import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.job.ClaimedJob;
import dev.aftercall.server.job.JobEntity;
import dev.aftercall.server.job.JobQueue;
import dev.aftercall.server.job.JobWorker;
import dev.aftercall.server.tx.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/** The writes of the calls API, each one transaction. */
@ApplicationScoped
public class CallStore {
    private final JobQueue jobs;
    private final Sql sql;

    public CallStore(JobQueue jobs, Sql sql) {
        this.jobs = jobs;
        this.sql = sql;
    }

    /**
     * Stores the call and its {@code process_call} job together: a call is never stored without the work that
     * processes it. Throws the database's unique violation when the outlet already has this call id. Answers the
     * call's pk.
     */
    @Transactional
    public long insertQueued(long outletId, CallDocument document) {
        return insertQueued(outletId, document, Instant.now());
    }

    /**
     * As {@link #insertQueued(long, CallDocument)}, with the job due at {@code runAt}: native intake holds a Retell
     * {@code call_ended} back for a while in case its {@code call_analyzed} follows.
     */
    @Transactional
    public long insertQueued(long outletId, CallDocument document, Instant runAt) {
        Instant now = Instant.now();
        long pk = insert(outletId, document, CallEntity.QUEUED, now);
        jobs.enqueue(JobEntity.PROCESS_CALL, pk, null, runAt.isBefore(now) ? now : runAt);
        return pk;
    }

    /**
     * Stores the call as {@code processing} with its {@code process_call} job running under {@code reservation}'s
     * lease, for the job worker to run at once ({@link JobWorker#reserve}); answers the job. Throws as
     * {@link #insertQueued(long, CallDocument)} does for a duplicate.
     */
    @Transactional
    public ClaimedJob insertRunning(long outletId, CallDocument document, JobWorker.Reservation reservation) {
        long pk = insert(outletId, document, CallEntity.PROCESSING, Instant.now());
        long job = jobs.insertRunning(JobEntity.PROCESS_CALL, pk, reservation.owner(), reservation.lease());
        return new ClaimedJob(job, pk, JobEntity.PROCESS_CALL, null, 1);
    }

    private long insert(long outletId, CallDocument document, String status, Instant now) {
        // Every call is stored this way, so it is one plain statement (Sql), not an entity persist; a duplicate call
        // id fails here, inside this method, rather than at commit.
        return sql.insert("""
                        insert into call (outlet_id, call_id, agent, status, document, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?)""",
                outletId, document.callId(), document.agent(), status, document.json().toString(), now, now);
    }

    /** Puts a failed call back in the queue with a fresh set of attempts. */
    @Transactional
    public void retry(long outletId, String callId) {
        CallEntity call = CallEntity.findByCallId(outletId, callId)
                .orElseThrow(() -> ApiException.notFound("call " + callId));
        if (!CallEntity.FAILED.equals(call.status)) {
            throw new ApiException(409, "only a failed call can be retried; call " + callId + " is " + call.status,
                    null, null);
        }
        call.status = CallEntity.QUEUED;
        call.error = null;
        call.updatedAt = Instant.now();
        jobs.requeueFailed(call.pk);
    }
}
