package dev.aftercall.server.pipeline;

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

    public Pipeline(@Any Instance<PipelineStage> stages) {
        this.stages = stages.stream().sorted(Comparator.comparingInt(PipelineStage::order)).toList();
    }

    public List<String> stageNames() {
        return stages.stream().map(PipelineStage::name).toList();
    }

    /**
     * Runs the stages for one call. Each stage starts on {@code executor}, never on the thread that completed the
     * previous stage (which may be an event-loop thread), so stages are free to block. The result fails with a
     * {@link StageFailedException} naming the first stage that failed; later stages do not run.
     */
    public CompletionStage<Void> run(CallWork work, Executor executor) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (PipelineStage stage : stages) {
            chain = chain.thenComposeAsync(ignored -> runStage(stage, work), executor);
        }
        return chain;
    }

    private static CompletableFuture<Void> runStage(PipelineStage stage, CallWork work) {
        CompletableFuture<Void> result;
        try {
            CompletionStage<Void> started = stage.run(work);
            result = started != null ? started.toCompletableFuture()
                    : CompletableFuture.failedFuture(new IllegalStateException("stage returned no result"));
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
