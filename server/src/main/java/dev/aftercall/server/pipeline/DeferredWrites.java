package dev.aftercall.server.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Database writes a stage has made up its mind about but leaves uncommitted, so that they share a transaction with
 * the next write that must follow them anyway: the {@link Pipeline} commits them before any later stage that has
 * work to do starts, and otherwise they are committed with the job's outcome ({@code JobHandler.beforeOutcome}). A
 * call whose last flow ends its pipeline thus costs one transaction fewer: its run's final save and its job's
 * completion are one unit of the group commit instead of two.
 *
 * <p>Only a write after the stage's last side effect may wait here: if the process dies before the writes are
 * committed, the stage runs again as it would have had it died just before its own commit. Each write must be a
 * transaction body that can run again in a new transaction (a group commit that rolls back retries its units), and
 * nothing may read what it writes before it is committed.
 */
public final class DeferredWrites {
    private final List<Runnable> writes = new CopyOnWriteArrayList<>();

    public void add(Runnable write) {
        writes.add(write);
    }

    public boolean isEmpty() {
        return writes.isEmpty();
    }

    /** The writes waiting now, to run in the caller's transaction and then {@link #committed}. */
    public List<Runnable> pending() {
        return List.copyOf(writes);
    }

    /** Runs {@code batch} (from {@link #pending}) in the caller's transaction; they stay pending until committed. */
    public static void runAll(List<Runnable> batch) {
        batch.forEach(Runnable::run);
    }

    /** Forgets {@code batch} once the transaction that ran it has committed. */
    public void committed(List<Runnable> batch) {
        writes.removeAll(batch);
    }
}
