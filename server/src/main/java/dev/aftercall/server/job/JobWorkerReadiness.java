package dev.aftercall.server.job;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the job worker is claiming, or when it is off by configuration ({@code aftercall.jobs.concurrency=0}:
 * a process meant only to take calls in, which is ready as soon as it can). Not ready when the worker should be
 * claiming and its claimer thread is gone. The database itself is checked by the datasource's own readiness check
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
        if (!worker.isEnabled()) {
            return HealthCheckResponse.named("job worker")
                    .up()
                    .withData("worker", "off (aftercall.jobs.concurrency=0)")
                    .build();
        }
        long depth = worker.queueDepth();
        return HealthCheckResponse.named("job worker")
                .status(worker.isRunning())
                .withData("worker", worker.isRunning() ? "claiming" : "stopped")
                .withData("jobs_in_flight", worker.jobsInFlight())
                .withData("queue_depth", depth)
                .withData("queue_depth_capped", depth >= worker.queueDepthCap())
                .build();
    }
}
