package dev.aftercall.server.setup;

import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * One piece of each outlet's configuration as a pipeline stage reads it for every call (its live flows, its
 * variables, whether it has functions or actions), kept in memory so a call does not query for it again.
 *
 * <p>What this process writes is seen by the next call: an entry filled before the latest {@link SetupChanges}
 * count is filled again. What another process sharing the database writes is seen after at most {@code ttl}, when
 * every entry is filled again. A zero {@code ttl} turns the cache off.
 */
public final class OutletCache<T> {
    private record Entry<T>(long generation, long loadedAt, T value) {
    }

    private final SetupChanges changes;
    private final long ttlNanos;
    private final Map<Long, Entry<T>> entries = new ConcurrentHashMap<>();

    OutletCache(SetupChanges changes, Duration ttl) {
        this.changes = changes;
        this.ttlNanos = ttl.toNanos();
    }

    /** The outlet's value, loaded by {@code load} (in the caller's transaction, or a new one) when none is held or it may be stale. */
    public T get(long outletId, LongFunction<T> load) {
        long now = System.nanoTime();
        long generation = changes.generation();
        Entry<T> entry = entries.get(outletId);
        if (entry != null && entry.generation() == generation && now - entry.loadedAt() < ttlNanos) {
            return entry.value();
        }
        // The count is read before loading: a change committed while loading makes this entry stale at once.
        T value = QuarkusTransaction.joiningExisting().call(() -> load.apply(outletId));
        if (ttlNanos > 0) {
            entries.put(outletId, new Entry<>(generation, now, value));
        }
        return value;
    }
}
