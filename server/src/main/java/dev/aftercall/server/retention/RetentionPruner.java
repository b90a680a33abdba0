package dev.aftercall.server.retention;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes finished calls older than {@code aftercall.retention.max-age}, with their traces and payloads, so the
 * database does not grow without end (a common complaint of n8n users). It works in small batches, each its own
 * short transaction that locks only the rows it deletes ({@code FOR UPDATE SKIP LOCKED}): intake and the workers
 * go on meanwhile, and several processes may prune at once without waiting for each other. Calls still queued or
 * processing are never touched, whatever their age.
 */
@ApplicationScoped
public class RetentionPruner {
    private static final Logger LOG = Logger.getLogger(RetentionPruner.class);

    private final EntityManager em;
    private final List<CallDependents> dependents;
    private final Duration maxAge;
    private final Duration interval;
    private final int batchSize;
    private ScheduledExecutorService timer;

    public RetentionPruner(EntityManager em, @Any Instance<CallDependents> dependents,
                           @ConfigProperty(name = "aftercall.retention.max-age") Duration maxAge,
                           @ConfigProperty(name = "aftercall.retention.interval") Duration interval,
                           @ConfigProperty(name = "aftercall.retention.batch-size") int batchSize) {
        this.em = em;
        this.dependents = dependents.stream().sorted(Comparator.comparingInt(CallDependents::order)).toList();
        this.maxAge = maxAge;
        this.interval = interval;
        this.batchSize = batchSize;
    }

    void start(@Observes StartupEvent event) {
        if (interval.isZero() || interval.isNegative()) {
            LOG.info("retention pruning is off (aftercall.retention.interval <= 0)");
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "aftercall-retention");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::pruneQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void pruneQuietly() {
        try {
            int deleted = prune(Instant.now().minus(maxAge));
            if (deleted > 0) {
                LOG.infof("retention: deleted %d call(s) finished before the last %s", deleted, maxAge);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "retention pruning failed; trying again in %s", interval);
        }
    }

    /**
     * Deletes every finished call created before {@code cutoff}, outlet by outlet and batch by batch; answers how
     * many. Each outlet's calls are walked by its (outlet_id, created_at) index, the call list's: a call table
     * index of its own for retention, which runs hourly, cost every call posted one more index entry.
     */
    public int prune(Instant cutoff) {
        int total = 0;
        for (long outlet : outlets()) {
            int deleted;
            do {
                deleted = pruneBatch(outlet, cutoff);
                total += deleted;
            } while (deleted == batchSize);
        }
        return total;
    }

    @Transactional(TxType.REQUIRES_NEW)
    List<Long> outlets() {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from outlet order by id").getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    @Transactional(TxType.REQUIRES_NEW)
    int pruneBatch(long outlet, Instant cutoff) {
        @SuppressWarnings("unchecked")
        List<Long> calls = ((List<Number>) em.createNativeQuery("""
                        select pk from call
                        where outlet_id = :outlet and created_at < :cutoff and status in ('completed', 'failed')
                        order by created_at
                        limit :limit
                        for update skip locked""")
                .setParameter("outlet", outlet)
                .setParameter("cutoff", cutoff)
                .setParameter("limit", batchSize)
                .getResultList()).stream().map(Number::longValue).toList();
        if (calls.isEmpty()) {
            return 0;
        }
        dependents.forEach(module -> module.deleteForCalls(calls));
        em.createNativeQuery("delete from call where pk in (:pks)").setParameter("pks", calls).executeUpdate();
        return calls.size();
    }
}
