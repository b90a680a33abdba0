package dev.aftercall.server.flow;

import dev.aftercall.engine.auth.AuthProfiles;
import dev.aftercall.engine.run.FlowRunner;
import dev.aftercall.engine.run.RunEnvironment;
import dev.aftercall.engine.run.RunState;
import dev.aftercall.server.authprofile.DbAuthProfiles;
import dev.aftercall.server.flow.FlowRunStore.PendingRun;
import dev.aftercall.server.pipeline.CallWork;
import dev.aftercall.server.pipeline.DeferredWrites;
import dev.aftercall.server.pipeline.PipelineStage;
import dev.aftercall.server.tx.GroupCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs the outlet's published flows for a call, one after the other, each recorded as a {@code flow_run} and
 * checkpointed after every node with side effects. A flow that fails is recorded failed and the pipeline goes on;
 * only a failure to record (the database) fails the stage, so the job is retried and resumes where the runs were.
 *
 * <p>A run's row is written at its first save, not when it starts ({@link FlowRunStore#pending}): a flow whose only
 * node with side effects is its last one, the common shape (decide, then tell the CRM), costs one insert.
 */
@ApplicationScoped
public class FlowStage implements PipelineStage {
    /** After extraction and functions (their variables feed flows), before actions and destinations. */
    public static final int ORDER = 300;

    @Inject
    FlowRunStore store;

    @Inject
    FlowRunner runner;

    @Inject
    DbAuthProfiles authProfiles;

    @Inject
    GroupCommit commits;

    @Override
    public String name() {
        return "flows";
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public CompletionStage<Void> run(CallWork work) {
        if (work.untouched()) {
            // Just stored by intake and nothing saved since: no runs to look for, no results to read.
            List<PendingRun> runs = store.untouched(work);
            if (runs != null) {
                return runAll(work, prepared(work, runs));
            }
        }
        // Mostly reads, in a group commit all the same: on PostgreSQL a transaction of its own would cost a commit.
        return commits.call(() -> prepared(work, store.pending(work)))
                .thenCompose(prepared -> runAll(work, prepared));
    }

    private record Prepared(List<PendingRun> runs, AuthProfiles profiles) {
    }

    private Prepared prepared(CallWork work, List<PendingRun> runs) {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(run -> names.addAll(FlowDocument.authProfiles(run.flow())));
        return new Prepared(runs, authProfiles.load(work.outletId(), names));
    }

    private CompletionStage<Void> runAll(CallWork work, Prepared prepared) {
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        List<PendingRun> runs = prepared.runs();
        for (int i = 0; i < runs.size(); i++) {
            PendingRun run = runs.get(i);
            boolean last = i == runs.size() - 1;
            chain = chain.thenCompose(ignored -> runOne(work, run, prepared.profiles(), last));
        }
        return chain;
    }

    /**
     * Runs one flow. The last run's final save is left to the pipeline ({@link DeferredWrites}): nothing of this
     * stage follows it, so it is committed with whatever must come next (a later stage's start, or the job's
     * outcome) instead of in a transaction of its own. An earlier run's is committed before the next run starts.
     */
    private CompletionStage<Void> runOne(CallWork work, PendingRun run, AuthProfiles profiles, boolean last) {
        RunRow row = new RunRow(work.callPk(), run);
        return runner.run(run.flow(), run.state(), new RunEnvironment(profiles, state -> row.save(state)))
                .thenCompose(end -> {
                    if (!last) {
                        return commits.run(row.finalSave(end));
                    }
                    work.writes().add(row.finalSave(end));
                    return CompletableFuture.completedFuture(null);
                });
    }

    /**
     * The row of one run: inserted by its first save, updated by the later ones. A run's saves come one after the
     * other (the runner waits for each), and the pk is taken only once the insert is committed: a group commit that
     * rolls back runs its units again, and the retried insert must not find a pk from the batch that was undone.
     */
    private final class RunRow {
        private final long callPk;
        private final PendingRun run;
        private long pk;

        RunRow(long callPk, PendingRun run) {
            this.callPk = callPk;
            this.run = run;
            this.pk = run.runPk();
        }

        /** A checkpoint while the run goes on, committed before it does. */
        CompletionStage<Void> save(RunState state) {
            long saved = pk;
            if (saved == PendingRun.NOT_RECORDED) {
                return commits.call(() -> store.insert(callPk, run, state)).thenAccept(inserted -> pk = inserted);
            }
            return commits.run(() -> store.checkpoint(saved, state));
        }

        /** The run's last save, as a transaction body: nothing of the run follows it, so its pk is not needed. */
        Runnable finalSave(RunState end) {
            long saved = pk;
            return saved == PendingRun.NOT_RECORDED
                    ? () -> store.insertFinished(callPk, run, end)
                    : () -> store.finish(saved, end);
        }
    }
}
