package dev.aftercall.server.pipeline;

import dev.aftercall.server.tx.GroupCommit;
import dev.aftercall.server.tx.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** Every {@link PipelineStage} bean, in ascending {@link PipelineStage#order()}, run one after the other. */
@ApplicationScoped
public class Pipeline {
    private final List<PipelineStage> stages;
    private final GroupCommit commits;
    private final Sql sql;

    public Pipeline(@Any Instance<PipelineStage> stages, GroupCommit commits, Sql sql) {
        this.stages = stages.stream().sorted(Comparator.comparingInt(PipelineStage::order)).toList();
        this.commits = commits;
        this.sql = sql;
    }

    public List<String> stageNames() {
        return stages.stream().map(PipelineStage::name).toList();
    }

    /**
     * Runs the stages for one call. Stages are free to block: each starts on the thread that finished the one before
     * when that thread may block (the job's thread, a worker), else (an event loop, where an HTTP answer finished a
     * flow) on {@code executor}. A hand-over to another thread per stage cost every call five of them. A stage that is
     * {@linkplain PipelineStage#idle idle} for the call is skipped; before any other, the writes earlier stages left
     * ({@link DeferredWrites}) are committed, so a stage never acts before what came first is stored. Writes left at
     * the end are the job's to commit with its outcome. The result fails with a {@link StageFailedException} naming
     * the first stage that failed; later stages do not run.
     */
    public CompletionStage<Void> run(CallWork work, Executor executor) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (PipelineStage stage : stages) {
            chain = chain.thenCompose(ignored -> Blocking.compose(() -> runStage(stage, work), executor));
        }
        return chain;
    }

    private CompletableFuture<Void> runStage(PipelineStage stage, CallWork work) {
        CompletableFuture<Void> result;
        try {
            result = stage.idle(work) ? CompletableFuture.completedFuture(null)
                    : committed(work).thenCompose(ignored -> started(stage, work)).toCompletableFuture();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((ignored, error) -> {
            if (error != null) {
                throw new StageFailedException(stage.name(), unwrap(error));
            }
            return null;
        });
    }

    /**
     * Commits the writes earlier stages left, if any; completes at once when there are none. Not under the job's
     * lease (unlike those left to the job's outcome), so the call is checked and locked first, as the foreign keys of
     * its rows did before PostgreSQL dropped them (V16_2): a run that lost its lease and resumed after another process
     * finished the call and retention deleted it writes nothing.
     */
    private CompletionStage<Void> committed(CallWork work) {
        if (work.writes().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<Runnable> batch = work.writes().pending();
        return commits.run(() -> {
            if (!sql.lockParent("call", work.callPk())) {
                throw new IllegalStateException("call pk " + work.callPk() + " is gone (retention)");
            }
            DeferredWrites.runAll(batch);
        }).thenRun(() -> work.writes().committed(batch));
    }

    private static CompletionStage<Void> started(PipelineStage stage, CallWork work) {
        CompletionStage<Void> started = stage.run(work);
        return started != null ? started
                : CompletableFuture.failedFuture(new IllegalStateException("stage returned no result"));
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** A stage failed for one call; the message names the stage and its reason. */
    public static final class StageFailedException extends RuntimeException {
        public StageFailedException(String stage, Throwable cause) {
            super(stage + ": " + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()),
                    cause);
        }
    }
}
