package dev.aftercall.server.http;

import dev.aftercall.engine.run.Delayer;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Retry backoff on Vert.x timers: a waiting run holds no thread. */
@Singleton
public class VertxDelayer implements Delayer {
    private final Vertx vertx;

    @Inject
    public VertxDelayer(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public CompletionStage<Void> after(long millis) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (millis <= 0) {
            done.complete(null);
            return done;
        }
        vertx.setTimer(millis, id -> done.complete(null));
        return done;
    }
}
