package dev.aftercall.server.job;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads jobs run on: a few for the many short tasks of a call (starting its job, the stage after an HTTP
 * answer, recording its outcome), and one more for each of them that waits on a remote party ({@link #waiting}: a
 * language model, a basic function's request, an advanced function), for as long as it waits. So a call whose stage
 * waits for seconds does not hold up the others, and the short tasks are not spread over a hundred threads.
 *
 * <p>Why not one thread per job slot, as before: with 128 threads taking turns at one queue, a fifth of the server's
 * CPU went to threads parking and waking each other (BENCHMARKS.md, "Session of 14:18 UTC"). A wait this class is
 * not told about keeps its thread from the others, as any blocking code in a fixed pool does: every wait on a remote
 * party in a stage goes through {@link #waiting}.
 */
public final class JobThreads implements Executor {
    private final ThreadPoolExecutor pool;
    private final int base;
    private final int most;
    private final AtomicInteger waiting = new AtomicInteger();

    /**
     * @param base    threads kept for short tasks
     * @param spare   most threads added for waits (the job slots: no more jobs than that can wait at once)
     * @param idle    how long a thread added for a wait lives on without work once the wait ended
     */
    public JobThreads(String namePrefix, int base, int spare, long idle, TimeUnit unit) {
        this.base = Math.max(1, base);
        this.most = this.base + Math.max(0, spare);
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(this.base, most, idle, unit, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new JobThread(this, task, namePrefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Marks the start of a call that blocks on a remote party; closing the answer marks its end. On a job thread,
     * the pool may start another thread meanwhile, so the other jobs keep as many threads as before; elsewhere
     * nothing happens. Use as {@code try (JobThreads.Waiting ignored = JobThreads.waiting()) { ...the call... }}.
     */
    public static Waiting waiting() {
        if (!(Thread.currentThread() instanceof JobThread thread)) {
            return NOT_A_JOB_THREAD;
        }
        JobThreads threads = thread.owner;
        threads.waiting.incrementAndGet();
        threads.resize();
        return () -> {
            threads.waiting.decrementAndGet();
            threads.resize();
        };
    }

    /** A wait in progress ({@link #waiting}); closing it ends it. */
    @FunctionalInterface
    public interface Waiting extends AutoCloseable {
        @Override
        void close();
    }

    private static final Waiting NOT_A_JOB_THREAD = () -> {
    };

    /**
     * The core size follows the waits: raised, it starts a thread for a queued task at once (or for the next one);
     * lowered, the threads above it end once idle for the idle time. The count is read under the lock, so whatever
     * order concurrent waits start and end in, the last call sets the size for the count as it then is.
     */
    private synchronized void resize() {
        pool.setCorePoolSize(Math.min(most, base + waiting.get()));
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /** Threads now, those waiting included. */
    public int threads() {
        return pool.getPoolSize();
    }

    public void shutdownNow() {
        pool.shutdownNow();
    }

    private static final class JobThread extends Thread {
        private final JobThreads owner;

        JobThread(JobThreads owner, Runnable task, String name) {
            super(task, name);
            this.owner = owner;
        }
    }
}
