package dev.aftercall.server.pipeline;

import java.util.concurrent.CompletionStage;

/**
 * One stage of processing a finished call (extraction, functions, flows, actions, destinations). Stages are
 * CDI beans run in ascending {@link #order()}. A stage must be safe to run again for the same call after a crash:
 * it keeps its own progress in the database and skips what it already finished. A stage that completes
 * exceptionally is retried by the job queue with backoff.
 */
public interface PipelineStage {
    String name();

    int order();

    CompletionStage<Void> run(CallWork work);
}
