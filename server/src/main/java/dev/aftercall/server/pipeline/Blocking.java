package dev.aftercall.server.pipeline;

import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
            try {
                return CompletableFuture.completedFuture(work.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return CompletableFuture.supplyAsync(work, Infrastructure.getDefaultWorkerPool());
    }

    public static CompletionStage<Void> run(Runnable work) {
        return call(() -> {
            work.run();
            return null;
        });
    }
}
