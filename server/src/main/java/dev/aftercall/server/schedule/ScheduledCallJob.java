package dev.aftercall.server.schedule;

import dev.aftercall.server.job.ClaimedJob;
import dev.aftercall.server.job.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** The {@code scheduled_call} job, due at the follow-up's time: hands it to the dialer ({@link ScheduledCalls}). */
@ApplicationScoped
public class ScheduledCallJob implements JobHandler {
    public static final String KIND = "scheduled_call";

    private final ScheduledCalls scheduledCalls;

    public ScheduledCallJob(ScheduledCalls scheduledCalls) {
        this.scheduledCalls = scheduledCalls;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<Void> run(ClaimedJob job, Executor workers) {
        scheduledCalls.dispatch(job.refPk());
        return CompletableFuture.completedFuture(null);
    }
}
