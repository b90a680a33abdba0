package dev.aftercall.server.call;

import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.job.JobEntity;
import dev.aftercall.server.job.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/** The writes of the calls API, each one transaction. */
@ApplicationScoped
public class CallStore {
    private final JobQueue jobs;

    public CallStore(JobQueue jobs) {
        this.jobs = jobs;
    }

    /**
     * Stores the call and its {@code process_call} job together: a call is never stored without the work that
     * processes it. Throws the database's unique violation when the outlet already has this call id.
     */
    @Transactional
    public CallEntity insertQueued(long outletId, CallDocument document) {
        return insertQueued(outletId, document, Instant.now());
    }

    /**
     * As {@link #insertQueued(long, CallDocument)}, with the job due at {@code runAt}: native intake holds a Retell
     * {@code call_ended} back for a while in case its {@code call_analyzed} follows.
     */
    @Transactional
    public CallEntity insertQueued(long outletId, CallDocument document, Instant runAt) {
        Instant now = Instant.now();
        CallEntity call = new CallEntity();
        call.outletId = outletId;
        call.callId = document.callId();
        call.agent = document.agent();
        call.status = CallEntity.QUEUED;
        call.document = document.json().toString();
        call.createdAt = now;
        call.updatedAt = now;
        // Flush now so a duplicate call id fails here, inside this method, rather than at commit.
        call.persistAndFlush();
        jobs.enqueue(JobEntity.PROCESS_CALL, call.pk, null, runAt.isBefore(now) ? now : runAt);
        return call;
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
