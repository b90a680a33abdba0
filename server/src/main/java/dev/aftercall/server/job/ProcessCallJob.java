package dev.aftercall.server.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftercall.server.call.CallEntity;
import dev.aftercall.server.pipeline.CallWork;
import dev.aftercall.server.pipeline.Pipeline;
import dev.aftercall.server.tx.GroupCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** The {@code process_call} job: runs the {@link Pipeline} for one call and keeps the call's status with the job's. */
@ApplicationScoped
public class ProcessCallJob implements JobHandler {
    private final Pipeline pipeline;
    private final ObjectMapper json;
    private final GroupCommit commits;

    public ProcessCallJob(Pipeline pipeline, ObjectMapper json, GroupCommit commits) {
        this.pipeline = pipeline;
        this.json = json;
        this.commits = commits;
    }

    @Override
    public String kind() {
        return JobEntity.PROCESS_CALL;
    }

    @Override
    public CompletionStage<Void> run(ClaimedJob job, Executor workers) {
        return commits.call(() -> start(job)).thenCompose(work -> pipeline.run(work, workers));
    }

    /** Marks the job's call {@code processing} and hands the stages what they need. */
    @Transactional
    CallWork start(ClaimedJob job) {
        CallEntity call = CallEntity.findById(job.callPk());
        if (call == null) {
            throw new IllegalStateException("job " + job.pk() + " names call pk " + job.callPk() + ", which is gone");
        }
        call.status = CallEntity.PROCESSING;
        call.updatedAt = Instant.now();
        try {
            return new CallWork(call.pk, call.callId, call.outletId, call.agent, json.readTree(call.document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document of call " + call.callId + " is not JSON", e);
        }
    }

    @Override
    public void recorded(ClaimedJob job, JobOutcome outcome, String error) {
        Instant now = Instant.now();
        switch (outcome) {
            case DONE -> CallEntity.update("status = ?1, completedAt = ?2, updatedAt = ?2, error = null where pk = ?3",
                    CallEntity.COMPLETED, now, job.callPk());
            case RETRY_SCHEDULED, GAVE_UP -> CallEntity.update("status = ?1, error = ?2, updatedAt = ?3 where pk = ?4",
                    outcome == JobOutcome.GAVE_UP ? CallEntity.FAILED : CallEntity.QUEUED, error, now, job.callPk());
        }
    }
}
