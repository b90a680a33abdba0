package dev.aftercall.server.setup;

import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * One piece of configuration per outlet (or per flow) as the pipeline and the test runs read it for every call: an
 * outlet's live flows, its variables, whether it has functions or actions; a flow's parsed draft. Kept in memory
 * so a call does not query for it again.
 *
 * <p>What this process writes is seen by the next call: an entry filled before the latest {@link SetupChanges}
 * count is filled again. What another process sharing the database writes is seen after at most {@code ttl}, when
 * every entry is filled again. A zero {@code ttl} turns the cache off.
 */
public final class SetupCache<T> {
    private record Entry<T>(long generation, long loadedAt, T value) {
    }

    private final SetupChanges changes;
    private final long ttlNanos;
    private final Map<Long, Entry<T>> entries = new ConcurrentHashMap<>();

    SetupCache(SetupChanges changes, Duration ttl) {
        this.changes = changes;
        this.ttlNanos = ttl.toNanos();
    }

    /**
     * The value for {@code id} (an outlet's or a flow's), loaded by {@code load} (in the caller's transaction, or a
     * new one) when none is held or it may be stale. A load that throws leaves nothing cached.
     */
    public T get(long id, LongFunction<T> load) {
        long now = System.nanoTime();
        long generation = changes.generation();
        Entry<T> entry = entries.get(id);
        if (fresh(entry, generation, now)) {
            return entry.value();
        }
        // The count is read before loading: a change committed while loading makes this entry stale at once.
        T value = QuarkusTransaction.joiningExisting().call(() -> load.apply(id));
        if (ttlNanos > 0) {
            entries.put(id, new Entry<>(generation, now, value));
        }
        return value;
    }

    /** The value for {@code id} if one is held and fresh, else null; never touches the database. */
    public T peek(long id) {
        Entry<T> entry = entries.get(id);
        return fresh(entry, changes.generation(), System.nanoTime()) ? entry.value() : null;
    }

    private boolean fresh(Entry<T> entry, long generation, long now) {
        return entry != null && entry.generation() == generation && now - entry.loadedAt() < ttlNanos;
    }
}
