package dev.aftercall.server.pipeline;

import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Where a stage's database work runs. It never runs on an event loop: HTTP answers complete flow runs there, and the
 * next stage continues on that thread. Inline when this thread may block (the job worker that started the stage),
 * else on the worker pool.
 */
public final class Blocking {
    private Blocking() {
    }

    public static <T> CompletionStage<T> call(Supplier<T> work) {
        if (BlockingOperationControl.isBlockingAllowed()) {
            return now(work);
        }
        return CompletableFuture.supplyAsync(work, Infrastructure.getDefaultWorkerPool());
    }

    /**
     * As {@link #call}, for work that answers a stage of its own (a whole pipeline stage): started here when this
     * thread may block, else on {@code elsewhere}.
     */
    public static <T> CompletionStage<T> compose(Supplier<? extends CompletionStage<T>> work, Executor elsewhere) {
        if (BlockingOperationControl.isBlockingAllowed()) {
            return work.get();
        }
        return CompletableFuture.supplyAsync(work, elsewhere).thenCompose(started -> started);
    }

    /**
     * Runs {@code work} on this thread and answers its result, or what it threw, as a finished stage: a caller that
     * composes stages sees one failure path whether the work ran here or elsewhere.
     */
    public static <T> CompletionStage<T> now(Supplier<T> work) {
        try {
            return CompletableFuture.completedFuture(work.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public static CompletionStage<Void> run(Runnable work) {
        return call(() -> {
            work.run();
            return null;
        });
    }
}
