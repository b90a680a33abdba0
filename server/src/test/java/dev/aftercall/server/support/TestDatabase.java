package dev.aftercall.server.support;

import dev.aftercall.server.auth.OutletEntity;
import dev.aftercall.server.call.CallEntity;
import dev.aftercall.server.job.JobEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;

/** Direct database access for tests: setting up rows the API cannot create, and counting what it stored. */
@ApplicationScoped
public class TestDatabase {
    public static final long SECOND_OUTLET = 2;

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

    /**
     * A call whose job is marked running under the lease of a worker that no longer exists (its lease ran out):
     * what a process killed mid-run leaves behind.
     */
    @Transactional
    public void insertAbandonedCall(long outletId, String callId) {
        Instant now = Instant.now();
        CallEntity call = new CallEntity();
        call.outletId = outletId;
        call.callId = callId;
        call.status = CallEntity.PROCESSING;
        call.document = "{\"call_id\":\"" + callId + "\"}";
        call.createdAt = now;
        call.updatedAt = now;
        call.persistAndFlush();
        JobEntity job = JobEntity.dueNow(JobEntity.PROCESS_CALL, call.pk, now.minus(Duration.ofMinutes(5)));
        job.status = JobEntity.RUNNING;
        job.attempts = 1;
        job.leaseOwner = "worker-killed-mid-run";
        job.leaseUntil = now.minus(Duration.ofSeconds(1));
        job.persist();
    }
}
