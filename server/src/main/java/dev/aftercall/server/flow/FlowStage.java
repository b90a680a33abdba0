package dev.aftercall.server.flow;

import dev.aftercall.engine.auth.AuthProfiles;
import dev.aftercall.engine.run.Checkpointer;
import dev.aftercall.engine.run.FlowRunner;
import dev.aftercall.engine.run.RunEnvironment;
import dev.aftercall.server.authprofile.DbAuthProfiles;
import dev.aftercall.server.flow.FlowRunStore.PendingRun;
import dev.aftercall.server.pipeline.CallWork;
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
        return commits.call(() -> prepare(work)).thenCompose(FlowStage.this::runAll);
    }

    private record Prepared(List<PendingRun> runs, AuthProfiles profiles) {
    }

    private Prepared prepare(CallWork work) {
        List<PendingRun> runs = store.pending(work);
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(run -> names.addAll(FlowDocument.authProfiles(run.flow())));
        return new Prepared(runs, authProfiles.load(work.outletId(), names));
    }

    private CompletionStage<Void> runAll(Prepared prepared) {
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (PendingRun run : prepared.runs()) {
            chain = chain.thenCompose(ignored -> runOne(run, prepared.profiles()));
        }
        return chain;
    }

    private CompletionStage<Void> runOne(PendingRun run, AuthProfiles profiles) {
        Checkpointer checkpoints = state -> commits.run(() -> store.checkpoint(run.runPk(), state));
        return runner.run(run.flow(), run.state(), new RunEnvironment(profiles, checkpoints))
                .thenCompose(end -> commits.run(() -> store.finish(run.runPk(), end)));
    }
}
