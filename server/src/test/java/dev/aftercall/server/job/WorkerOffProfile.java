package dev.aftercall.server.job;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * A process with its job worker off ({@code aftercall.jobs.concurrency=0}): it takes calls in but runs none, so
 * tests can claim from the queue themselves with no worker taking jobs from under them.
 */
public class WorkerOffProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aftercall.jobs.concurrency", "0");
    }
}
