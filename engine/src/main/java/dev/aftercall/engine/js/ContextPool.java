package dev.aftercall.engine.js;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a few contexts warmed ahead of need, so a run pays for its fresh realm before it is asked for: loading
 * lodash, moment and moment-timezone costs tens of milliseconds, a warm run a few. A context serves one run and is
 * then closed (off the request path too). When the pool is empty, or a run asks for another statement limit than
 * the pool's, the context is made on the caller's thread.
 */
final class ContextPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContextPool.class);

    private final ContextFactory factory;
    private final long statementLimit;
    private final int size;
    private final BlockingQueue<WarmContext> ready;
    private final AtomicInteger warming = new AtomicInteger();
    private final ExecutorService background;
    private volatile boolean closed;

    ContextPool(ContextFactory factory, int size, long statementLimit) {
        this.factory = factory;
        this.size = size;
        this.statementLimit = statementLimit;
        this.ready = new ArrayBlockingQueue<>(Math.max(1, size));
        this.background = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aftercall-js-warmer");
            thread.setDaemon(true);
            return thread;
        });
        refill();
    }

    WarmContext acquire(long wantedStatementLimit) {
        WarmContext context = wantedStatementLimit == statementLimit ? ready.poll() : null;
        return context != null ? context : factory.create(wantedStatementLimit);
    }

    /**
     * Closes a used context in the background and warms its replacement. Refilling here rather than in
     * {@link #acquire} keeps the warm-up (CPU and garbage) from competing with the run it replaces.
     */
    void retire(WarmContext context) {
        try {
            background.execute(context::close);
        } catch (RejectedExecutionException shuttingDown) {
            context.close();
        }
        refill();
    }

    /** Waits until the pool is full; for benchmarks and tests that measure warm runs. */
    void awaitFull(long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (ready.size() < size && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }

    private void refill() {
        while (!closed && ready.size() + warming.get() < size) {
            warming.incrementAndGet();
            try {
                background.execute(this::warmOne);
            } catch (RejectedExecutionException shuttingDown) {
                warming.decrementAndGet();
                return;
            }
        }
    }

    private void warmOne() {
        try {
            WarmContext context = factory.create(statementLimit);
            if (closed || !ready.offer(context)) {
                context.close();
            }
        } catch (RuntimeException e) {
            // The caller's thread will create the next context itself and report the failure to the run.
            LOG.warn("warming a JavaScript context failed", e);
        } finally {
            warming.decrementAndGet();
        }
    }

    @Override
    public void close() {
        closed = true;
        background.shutdown();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (WarmContext context; (context = ready.poll()) != null; ) {
            context.close();
        }
    }
}
