package dev.aftercall.engine.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Persists a run between nodes so a crash loses at most the node in flight. The walker calls it before and
 * after every node with side effects; pure nodes run in memory between checkpoints.
 */
@FunctionalInterface
public interface Checkpointer {
    Checkpointer NONE = state -> CompletableFuture.completedFuture(null);

    CompletionStage<Void> save(RunState state);
}
