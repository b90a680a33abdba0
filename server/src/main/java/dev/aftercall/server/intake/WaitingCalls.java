package dev.aftercall.server.intake;

import dev.aftercall.server.call.CallDocument;
import dev.aftercall.server.call.CallEntity;
import dev.aftercall.server.job.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Calls held back for a richer event (Retell's {@code call_analyzed} after {@code call_ended}). When that event
 * arrives while the call still waits for its first run, the stored call is replaced by the richer one and made due
 * now, in one transaction: the job row stays locked until the document is replaced, so the pipeline runs once, on
 * the analysed call.
 */
@ApplicationScoped
public class WaitingCalls {
    private final JobQueue jobs;

    public WaitingCalls(JobQueue jobs) {
        this.jobs = jobs;
    }

    /** What became of the richer event for a stored call. */
    public enum Outcome {
        /** The call had not run yet: it now holds the richer document and is due now. */
        APPLIED,
        /** The call had already started or finished on the earlier event; nothing changed. */
        TOO_LATE
    }

    @Transactional
    public Outcome replaceIfWaiting(long outletId, CallDocument richer) {
        CallEntity call = CallEntity.findByCallId(outletId, richer.callId()).orElse(null);
        if (call == null || !jobs.makeDueNowIfQueued(call.pk)) {
            return Outcome.TOO_LATE;
        }
        call.document = richer.json().toString();
        call.agent = richer.agent();
        call.updatedAt = Instant.now();
        return Outcome.APPLIED;
    }
}
