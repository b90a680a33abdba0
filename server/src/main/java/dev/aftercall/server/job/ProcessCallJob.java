package dev.aftercall.server.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftercall.server.call.CallEntity;
import dev.aftercall.server.pipeline.CallWork;
import dev.aftercall.server.pipeline.DeferredWrites;
import dev.aftercall.server.pipeline.Pipeline;
import dev.aftercall.server.tx.GroupCommit;
import dev.aftercall.server.tx.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@code process_call} job: runs the {@link Pipeline} for one call and keeps the call's status with the job's. */
@ApplicationScoped
public class ProcessCallJob implements JobHandler {
    private final Pipeline pipeline;
    private final ObjectMapper json;
    private final GroupCommit commits;
    private final Sql sql;
    private final TransactionSynchronizationRegistry transactions;
    /** Calls read at their job's claim or handed over by intake, by job, until the job runs. */
    private final Map<ClaimedJob, CallWork> readyCalls = new ConcurrentHashMap<>();
    /** Calls whose pipeline runs, by job, until the job's outcome is recorded: it commits their last writes. */
    private final Map<ClaimedJob, CallWork> runningCalls = new ConcurrentHashMap<>();

    public ProcessCallJob(Pipeline pipeline, ObjectMapper json, GroupCommit commits, Sql sql,
                          TransactionSynchronizationRegistry transactions) {
        this.pipeline = pipeline;
        this.json = json;
        this.commits = commits;
        this.sql = sql;
        this.transactions = transactions;
    }

    @Override
    public String kind() {
        return JobEntity.PROCESS_CALL;
    }

    @Override
    public CompletionStage<Void> run(ClaimedJob job, Executor workers) {
        CallWork claimed = readyCalls.remove(job);
        CompletionStage<CallWork> started = claimed != null ? CompletableFuture.completedFuture(claimed)
                : commits.call(() -> start(job));
        return started.thenCompose(work -> {
            runningCalls.put(job, work);
            return pipeline.run(work, workers);
        });
    }

    /** The writes the pipeline left (a call's last flow run, see {@link DeferredWrites}) go with the job's outcome. */
    @Override
    public void beforeOutcome(ClaimedJob job) {
        CallWork work = runningCalls.get(job);
        if (work != null) {
            DeferredWrites.runAll(work.writes().pending());
        }
    }

    @Override
    public void afterOutcome(ClaimedJob job) {
        runningCalls.remove(job);
    }

    /**
     * Runs the job of a call that intake stored already processing, its job running under {@code reservation}'s
     * lease (committed), with the document intake parsed: no claim and no read of the call.
     */
    public void runStored(JobWorker.Reservation reservation, ClaimedJob job, CallWork work) {
        readyCalls.put(job, work);
        if (!reservation.run(job)) {
            readyCalls.remove(job);
        }
    }

    /**
     * Marks the claimed jobs' calls {@code processing} and reads what their stages need, in the claim's transaction:
     * two statements for the batch instead of a transaction per job. A call that cannot be read here is left to
     * {@link #start}, which fails its job with the reason.
     */
    @Override
    public void claimed(List<ClaimedJob> jobs) {
        Map<Long, ClaimedJob> jobOfCall = jobs.stream()
                .collect(Collectors.toMap(ClaimedJob::callPk, Function.identity(), (first, second) -> first));
        Set<Long> calls = jobOfCall.keySet();
        String in = "(" + Sql.placeholders(calls) + ")";
        sql.update("update call set status = ?, updated_at = ? where pk in " + in,
                Sql.args(calls, CallEntity.PROCESSING, Instant.now()));
        List<ClaimedJob> stashed = new ArrayList<>(calls.size());
        sql.query("select pk, call_id, outlet_id, agent, document from call where pk in " + in, row -> {
            long callPk = row.getLong("pk");
            try {
                CallWork work = new CallWork(callPk, row.getString("call_id"), row.getLong("outlet_id"),
                        row.getString("agent"), json.readTree(row.getString("document")));
                readyCalls.put(jobOfCall.get(callPk), work);
                stashed.add(jobOfCall.get(callPk));
            } catch (JsonProcessingException e) {
                // Not stashed: start() reads the call again and fails the job, saying why.
            }
            return callPk;
        }, calls.toArray());
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    stashed.forEach(readyCalls::remove);
                }
            }
        });
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
        readyCalls.remove(job); // a job given up before it ran (its runs kept dying) never took its call
        if (job.onCallRow()) {
            return; // its outcome was written on the call row with the end of its lease (CallRowLeases)
        }
        Instant now = Instant.now();
        switch (outcome) {
            // Left for the end of the transaction (Sql#later): outcomes recorded together update their calls in one go.
            case DONE -> sql.later("update call set status = ?, completed_at = ?, updated_at = ?, error = null, "
                    + "attempts = ? where pk = ?", CallEntity.COMPLETED, now, now, job.attempt(), job.callPk());
            case RETRY_SCHEDULED, GAVE_UP -> sql.later("update call set status = ?, error = ?, updated_at = ? "
                    + "where pk = ?", outcome == JobOutcome.GAVE_UP ? CallEntity.FAILED : CallEntity.QUEUED, error,
                    now, job.callPk());
        }
    }
}
