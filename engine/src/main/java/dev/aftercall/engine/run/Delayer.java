package dev.aftercall.engine.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Waits without holding a thread, for retry backoff. The server supplies Vert.x timers. */
@FunctionalInterface
public interface Delayer {
    Delayer JDK = millis -> CompletableFuture.runAsync(() -> { },
            CompletableFuture.delayedExecutor(Math.max(0, millis), TimeUnit.MILLISECONDS));

    CompletionStage<Void> after(long millis);
}
