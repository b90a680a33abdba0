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
import java.util.ArrayList;
import java.util.List;

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
     * A posted call to store: its job due at {@code runAt} (now or later; native intake holds a Retell
     * {@code call_ended} back for a while in case its {@code call_analyzed} follows), or, with a {@code direct}
     * reservation, running at once under its lease ({@link JobWorker#reserve}).
     */
    public record NewCall(long outletId, CallDocument document, Instant runAt, JobWorker.Reservation direct) {
    }

    /**
     * Stores each call with its {@code process_call} job: a call is never stored without the work that processes it.
     * Each statement runs once for all the calls (a JDBC batch), so many calls cost at most two round trips to the
     * database. A call posted with a {@code direct} reservation is stored {@code processing}, leased by the
     * reservation's owner on its own row ({@code lease_owner}, {@code lease_until}: the call row is its job, V17), and
     * its answer is that job; any other is stored {@code queued} with a queued job and answers null. Throws the
     * database's unique violation when an outlet already has one of the call ids.
     */
    @Transactional
    public List<ClaimedJob> insertAll(List<NewCall> calls) {
        Instant now = Instant.now();
        List<Object[]> rows = new ArrayList<>(calls.size());
        for (NewCall call : calls) {
            // Every call is stored this way, so it is one plain statement (Sql), not an entity persist; a duplicate
            // call id fails here, inside this method, rather than at commit.
            JobWorker.Reservation direct = call.direct();
            rows.add(new Object[] {call.outletId(), call.document().callId(), call.document().agent(),
                    direct == null ? CallEntity.QUEUED : CallEntity.PROCESSING, call.document().json().toString(),
                    now, now, direct == null ? null : 1, direct == null ? null : direct.owner(),
                    direct == null ? null : now.plus(direct.lease())});
        }
        long[] pks = sql.insertAll("""
                insert into call (outlet_id, call_id, agent, status, document, created_at, updated_at, attempts,
                                  lease_owner, lease_until)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        List<JobQueue.NewJob> queued = new ArrayList<>(calls.size());
        List<ClaimedJob> answers = new ArrayList<>(calls.size());
        for (int i = 0; i < pks.length; i++) {
            Instant runAt = calls.get(i).runAt();
            if (calls.get(i).direct() == null) {
                Instant due = runAt.isBefore(now) ? now : runAt;
                queued.add(new JobQueue.NewJob(JobEntity.PROCESS_CALL, pks[i], null, due));
            }
            answers.add(calls.get(i).direct() == null ? null : ClaimedJob.leasedOnCall(pks[i]));
        }
        jobs.insertAll(queued);
        return answers;
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
