package dev.aftercall.server.flow;

import dev.aftercall.engine.flow.FlowValidationException;
import dev.aftercall.engine.model.Flow;
import dev.aftercall.engine.run.CallData;
import dev.aftercall.engine.run.RunState;
import dev.aftercall.server.call.CallResults;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.pipeline.CallWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * The {@code flow_run} rows of the flows stage. Each method is its own short transaction (whatever the caller
 * holds), so a checkpoint is durable the moment it returns. Call from worker threads only.
 */
@ApplicationScoped
public class FlowRunStore {
    private static final int MAX_PARSED = 10_000;

    private record VersionKey(long flowPk, int version) {
    }

    private final CallResults results;
    private final Map<VersionKey, Flow> parsed = new ConcurrentHashMap<>();

    public FlowRunStore(CallResults results) {
        this.results = results;
    }

    /** A run to drive: its row, the version's flow, and the state to continue from. */
    public record PendingRun(long runPk, Flow flow, RunState state) {
    }

    /**
     * What the call's flows still need. A run an earlier attempt left running resumes at its stored node, on the
     * version it started with; a published flow that applies to the call's agent and has no run yet gets one,
     * positioned at its start node. Finished runs are left alone, so running the stage again repeats nothing.
     */
    /**
     * A published version's flow, parsed and validated once: published versions never change, so every call after
     * the first reuses it. (Bounded: cleared when it holds more versions than any outlet set would.)
     */
    private Flow published(long flowPk, int version) {
        if (parsed.size() > MAX_PARSED) {
            parsed.clear();
        }
        return parsed.computeIfAbsent(new VersionKey(flowPk, version), key -> {
            String document = FlowVersionEntity.of(flowPk, version).map(v -> v.document).orElseThrow(() ->
                    new IllegalStateException("version " + version + " of flow " + flowPk + " is missing"));
            return FlowDocument.stored(document).flow();
        });
    }

    @Transactional(TxType.REQUIRES_NEW)
    public List<PendingRun> pending(CallWork work) {
        List<PendingRun> pending = new ArrayList<>();
        Set<Long> flowsWithRun = new HashSet<>();
        for (FlowRunEntity run : FlowRunEntity.ofCall(work.callPk())) {
            flowsWithRun.add(run.flowPk);
            if (FlowRunEntity.RUNNING.equals(run.status)) {
                Flow flow = flowOf(run, run.flowVersion);
                if (flow != null) {
                    pending.add(new PendingRun(run.pk, flow, Json.read(run.state, RunState.class)));
                }
            }
        }
        // Flows see the call as extraction and functions left it (post_call, disposition_reason, ...).
        CallData call = CallData.fromCall(results.currentCall(work.callPk()));
        for (FlowEntity live : FlowEntity.live(work.outletId())) {
            if (flowsWithRun.contains(live.pk) || !FlowDocument.appliesTo(live.agents, work.agent())) {
                continue;
            }
            FlowRunEntity run = new FlowRunEntity();
            run.callPk = work.callPk();
            run.flowPk = live.pk;
            run.flowVersion = live.publishedVersion;
            run.runKey = FlowRunEntity.runKey(work.callId(), live.pk);
            run.status = FlowRunEntity.RUNNING;
            run.startedAt = Instant.now();
            run.updatedAt = run.startedAt;
            Flow flow = flowOf(run, run.flowVersion);
            RunState state = flow != null
                    ? RunState.begin(run.runKey, flow.start().id(), call)
                    : new RunState(run.runKey, RunState.Status.FAILED, null, null, call, List.of(), run.error);
            run.state = Json.write(state);
            run.persist();
            if (flow != null) {
                pending.add(new PendingRun(run.pk, flow, state));
            }
        }
        return pending;
    }

    /** Saves where a run is; a run already finished (by another process that took over) is not touched. */
    @Transactional(TxType.REQUIRES_NEW)
    public void checkpoint(long runPk, RunState state) {
        FlowRunEntity.update("state = ?1, updatedAt = ?2 where pk = ?3 and status = ?4",
                Json.write(state), Instant.now(), runPk, FlowRunEntity.RUNNING);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void finish(long runPk, RunState state) {
        Instant now = Instant.now();
        FlowRunEntity.update("state = ?1, status = ?2, error = ?3, finishedAt = ?4, updatedAt = ?4 where pk = ?5",
                Json.write(state), FlowView.status(state.status()), state.error(), now, runPk);
    }

    /**
     * The engine model of the version a run uses. A document saved under older, looser rules may no longer
     * parse; the run is then recorded failed with the reasons instead of failing the whole call again and again.
     */
    private Flow flowOf(FlowRunEntity run, int version) {
        try {
            return published(run.flowPk, version);
        } catch (FlowValidationException | IllegalStateException e) {
            run.status = FlowView.status(RunState.Status.FAILED);
            run.error = "flow version " + version + " cannot run: " + e.getMessage();
            run.finishedAt = Instant.now();
            run.updatedAt = run.finishedAt;
            return null;
        }
    }
}
