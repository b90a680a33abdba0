package dev.aftercall.engine.js;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Stops runs that overrun their wall time or allocation budget. A run's JavaScript executes only on the thread
 * that called {@link JsSandbox#run}, so that thread's allocation counter (HotSpot's
 * {@code ThreadMXBean.getThreadAllocatedBytes}) measures the run; on a JVM without that counter (or on a virtual
 * thread, where it reads -1) only wall time and statements are enforced. Stopping means cancelling the context
 * ({@code close(true)}), done on a separate thread because it waits for the executing thread to unwind.
 */
final class Watchdog implements AutoCloseable {
    private static final long MEMORY_CHECK_MS = 5;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, "aftercall-js-watchdog"));
    private final ExecutorService stopper = Executors.newCachedThreadPool(
            runnable -> daemon(runnable, "aftercall-js-stopper"));
    private final com.sun.management.ThreadMXBean threads = allocationCounter();

    /** A watch on one run; {@code stop} is called at most once, with the reason, before the context is cancelled. */
    Watch watch(WarmContext context, long wallTimeMs, long maxAllocatedBytes, Consumer<String> stop) {
        Watch watch = new Watch(context, stop);
        watch.deadline = timer.schedule(() -> watch.stop("timed out after " + wallTimeMs + " ms"),
                wallTimeMs, TimeUnit.MILLISECONDS);
        if (maxAllocatedBytes > 0 && threads != null) {
            long thread = Thread.currentThread().getId();
            long start = threads.getThreadAllocatedBytes(thread);
            watch.memory = timer.scheduleAtFixedRate(() -> {
                if (threads.getThreadAllocatedBytes(thread) - start > maxAllocatedBytes) {
                    watch.stop("memory limit reached: the function allocated more than "
                            + (maxAllocatedBytes >> 20) + " MB");
                }
            }, MEMORY_CHECK_MS, MEMORY_CHECK_MS, TimeUnit.MILLISECONDS);
        }
        return watch;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        stopper.shutdownNow();
    }

    /** One run's watch; cancel it when the run is over. */
    final class Watch {
        private final WarmContext context;
        private final Consumer<String> onStop;
        private ScheduledFuture<?> deadline;
        private ScheduledFuture<?> memory;
        private boolean done;

        private Watch(WarmContext context, Consumer<String> onStop) {
            this.context = context;
            this.onStop = onStop;
        }

        private synchronized void stop(String reason) {
            if (done) {
                return;
            }
            done = true;
            onStop.accept(reason);
            cancelTimers();
            stopper.execute(context::close);
        }

        synchronized void cancel() {
            done = true;
            cancelTimers();
        }

        private void cancelTimers() {
            if (deadline != null) {
                deadline.cancel(false);
            }
            if (memory != null) {
                memory.cancel(false);
            }
        }
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported()) {
            bean.setThreadAllocatedMemoryEnabled(true);
            return bean;
        }
        return null; // not HotSpot: wall time and statement limits still apply
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
