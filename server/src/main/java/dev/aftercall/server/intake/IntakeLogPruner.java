package dev.aftercall.server.intake;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Deletes intake log entries older than {@code aftercall.intake.log-max-age} (7 days), every interval. */
@ApplicationScoped
public class IntakeLogPruner {
    private static final Logger LOG = Logger.getLogger(IntakeLogPruner.class);

    private final EntityManager em;
    private final Duration maxAge;
    private final Duration interval;
    private ScheduledExecutorService timer;

    public IntakeLogPruner(EntityManager em,
                           @ConfigProperty(name = "aftercall.intake.log-max-age") Duration maxAge,
                           @ConfigProperty(name = "aftercall.intake.log-prune-interval") Duration interval) {
        this.em = em;
        this.maxAge = maxAge;
        this.interval = interval;
    }

    void start(@Observes StartupEvent event) {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "aftercall-intake-log-pruner");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::pruneQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void pruneQuietly() {
        try {
            prune(Instant.now().minus(maxAge));
        } catch (RuntimeException e) {
            LOG.warnf(e, "intake log pruning failed; trying again in %s", interval);
        }
    }

    /** Deletes every entry received before {@code cutoff}; answers how many. */
    @Transactional
    public int prune(Instant cutoff) {
        return em.createNativeQuery("delete from intake_log where received_at < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }
}
