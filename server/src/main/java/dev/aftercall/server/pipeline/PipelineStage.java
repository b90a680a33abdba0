package dev.aftercall.server.pipeline;

import java.util.concurrent.CompletionStage;

/**
 * One stage of processing a finished call (extraction, functions, flows, actions, destinations). Stages are
 * CDI beans run in ascending {@link #order()}. A stage must be safe to run again for the same call after a crash:
 * it keeps its own progress in the database and skips what it already finished. A stage that completes
 * exceptionally is retried by the job queue with backoff.
 */
public interface PipelineStage {
    String name();

    int order();

    CompletionStage<Void> run(CallWork work);

    /**
     * True when the stage has nothing to do for this call (nothing configured for its outlet and agent), answered
     * from memory where it can be: the pipeline then skips it and need not commit the writes stages before it left
     * ({@link DeferredWrites}) first. Called on a thread that may block.
     */
    default boolean idle(CallWork work) {
        return false;
    }
}
