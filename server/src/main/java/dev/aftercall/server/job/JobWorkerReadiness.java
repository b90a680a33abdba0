package dev.aftercall.server.job;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the job worker is claiming. The database itself is checked by the datasource's own readiness check
 * ({@code quarkus.datasource.health.enabled}, on by default), which {@code /q/health/ready} reports next to this one.
 */
@Readiness
@ApplicationScoped
public class JobWorkerReadiness implements HealthCheck {
    private final JobWorker worker;

    public JobWorkerReadiness(JobWorker worker) {
        this.worker = worker;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("job worker")
                .status(worker.isRunning())
                .withData("jobs_in_flight", worker.jobsInFlight())
                .withData("queue_depth", worker.queueDepth())
                .build();
    }
}
