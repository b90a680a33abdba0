package dev.aftercall.server.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.call.CallResults;
import dev.aftercall.server.function.FunctionService.StoredFunction;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.pipeline.Blocking;
import dev.aftercall.server.pipeline.CallWork;
import dev.aftercall.server.pipeline.PipelineStage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Runs the outlet's enabled post-call functions for a call, in order, after extraction and before flows (seed 000
 * "Execution Timing"). Each function sees the call as the previous ones left it, and its outcome is saved on the
 * call in one row-locked update together with its changes ({@code results.functions[]}, {@code post_call},
 * {@code functions_called}, ...). A function that fails or is stopped by a limit is recorded failed and the next
 * one runs; after a crash the stage skips every function already recorded for the call, so none runs twice.
 * Only a failure to read or save (the database) fails the stage, and the job queue retries it.
 */
@ApplicationScoped
public class FunctionStage implements PipelineStage {
    /** After extraction (100), whose post_call they read; before flows (300), which read theirs. */
    public static final int ORDER = 200;
    static final String RESULTS_KEY = "functions";

    private final FunctionService functions;
    private final FunctionRunner runner;
    private final CallResults results;

    public FunctionStage(FunctionService functions, FunctionRunner runner, CallResults results) {
        this.functions = functions;
        this.runner = runner;
        this.results = results;
    }

    @Override
    public String name() {
        return "functions";
    }

    @Override
    public int order() {
        return ORDER;
    }

    /** Runs on the job worker's thread, which may block (the pipeline starts every stage on its executor). */
    @Override
    public CompletionStage<Void> run(CallWork work) {
        return Blocking.run(() -> runAll(work));
    }

    private void runAll(CallWork work) {
        List<StoredFunction> runnable = functions.runnableFor(work.outletId(), work.agent());
        if (runnable.isEmpty()) {
            return;
        }
        Set<Long> finished = finished(results.read(work.callPk()));
        for (StoredFunction function : runnable) {
            if (finished.contains(function.id())) {
                continue;
            }
            ObjectNode before = FunctionContext.ofCall(results.currentCall(work.callPk(), work.call()));
            FunctionOutcome outcome = runner.run(work.outletId(), work.callId() + ":function:" + function.id(),
                    function.definition(), before.deepCopy());
            results.update(work, saved -> save(saved, function, before, outcome));
        }
    }

    /** Writes the changed call fields and the function's record, in the caller's row-locked update. */
    private static void save(ObjectNode saved, StoredFunction function, ObjectNode before, FunctionOutcome outcome) {
        if (!FunctionOutcome.SKIPPED.equals(outcome.status())) {
            for (String field : FunctionContext.MUTABLE) {
                JsonNode now = outcome.context().get(field);
                if (!Objects.equals(before.get(field), now)) {
                    saved.set(field, now == null ? null : now.deepCopy());
                }
            }
        }
        ArrayNode records = saved.has(RESULTS_KEY) && saved.get(RESULTS_KEY).isArray()
                ? (ArrayNode) saved.get(RESULTS_KEY) : saved.putArray(RESULTS_KEY);
        records.add(record(function, outcome));
    }

    private static ObjectNode record(StoredFunction function, FunctionOutcome outcome) {
        ObjectNode record = Json.object();
        record.put("function_id", function.id());
        record.put("name", function.definition().name());
        record.put("mode", function.definition().mode());
        record.put("status", outcome.status());
        record.put("duration_ms", outcome.durationMs());
        record.set("console", Json.tree(outcome.console()));
        record.set("warnings", Json.tree(outcome.warnings()));
        record.set("requests", Json.tree(outcome.requests()));
        record.put("error", outcome.error());
        record.put("finished_at", Instant.now().toString());
        return record;
    }

    /** Functions with a record on the call: they ran (or were skipped) in an earlier attempt. */
    private static Set<Long> finished(ObjectNode saved) {
        Set<Long> ids = new HashSet<>();
        saved.path(RESULTS_KEY).forEach(record -> ids.add(record.path("function_id").asLong()));
        return ids;
    }
}
