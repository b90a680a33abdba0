package dev.aftercall.server.setup;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts changes to what operators configure for their calls (flows, variables, functions, actions), so the
 * {@link SetupCache}s of the pipeline stages know when what they hold may be stale. The count goes up when a
 * transaction that wrote a configuration row ends: a cache filled from the rows before the commit is then
 * older than the count and is filled again.
 *
 * <p>Configuration entities carry {@link Listener}, which sees every insert, update and delete Hibernate makes of
 * them; a bulk statement (JPQL {@code update}/{@code delete}) bypasses entity listeners, so code that runs one on a
 * configuration table calls {@link #changed()} itself.
 */
@ApplicationScoped
public class SetupChanges {
    private static final Object MARK = SetupChanges.class;

    private final AtomicLong generation = new AtomicLong();
    private final TransactionSynchronizationRegistry transactions;
    private final Duration ttl;

    public SetupChanges(TransactionSynchronizationRegistry transactions,
                        @ConfigProperty(name = "aftercall.setup-cache.ttl") Duration ttl) {
        this.transactions = transactions;
        this.ttl = ttl;
    }

    /** A new cache of one piece of outlet configuration, kept at most {@code aftercall.setup-cache.ttl}. */
    public <T> SetupCache<T> newCache() {
        return new SetupCache<>(this, ttl);
    }

    /** The count of configuration changes made so far in this process. */
    public long generation() {
        return generation.get();
    }

    /**
     * A configuration row changed: the count goes up now and again when the current transaction ends (committed
     * or not), so no reader keeps what it read before the commit.
     */
    public void changed() {
        generation.incrementAndGet();
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE || transactions.getResource(MARK) != null) {
            return;
        }
        transactions.putResource(MARK, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                generation.incrementAndGet();
            }
        });
    }

    /** The entity listener on configuration entities ({@code @EntityListeners(SetupChanges.Listener.class)}). */
    public static class Listener {
        @PostPersist
        @PostUpdate
        @PostRemove
        void changed(Object entity) {
            Arc.container().instance(SetupChanges.class).get().changed();
        }
    }
}
