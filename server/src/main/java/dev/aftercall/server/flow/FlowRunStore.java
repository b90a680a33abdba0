package dev.aftercall.server.flow;

import dev.aftercall.engine.flow.FlowValidationException;
import dev.aftercall.engine.model.Flow;
import dev.aftercall.engine.run.CallData;
import dev.aftercall.engine.run.RunState;
import dev.aftercall.server.call.CallResults;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.pipeline.CallWork;
import dev.aftercall.server.setup.SetupCache;
import dev.aftercall.server.setup.SetupChanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * The {@code flow_run} rows of the flows stage. Each method is a short transaction body: the flows stage runs it
 * through {@link dev.aftercall.server.tx.GroupCommit}, so a checkpoint is durable once its stage completes. Call
 * from worker threads only.
 */
@ApplicationScoped
public class FlowRunStore {
    private static final int MAX_PARSED = 10_000;

    private record VersionKey(long flowPk, int version) {
    }

    /** A flow that runs for the outlet's calls: published, not deleted ({@code agents} as {@link FlowEntity#agents}). */
    private record LiveFlow(long pk, int version, String agents) {
    }

    private final CallResults results;
    private final Map<VersionKey, Flow> parsed = new ConcurrentHashMap<>();
    private final SetupCache<List<LiveFlow>> liveFlows;

    public FlowRunStore(CallResults results, SetupChanges changes) {
        this.results = results;
        this.liveFlows = changes.newCache();
    }

    /** A run to drive: its row, the version's flow, and the state to continue from. */
    public record PendingRun(long runPk, Flow flow, RunState state) {
    }

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

    /**
     * What the call's flows still need. A run an earlier attempt left running resumes at its stored node, on the
     * version it started with; a published flow that applies to the call's agent and has no run yet gets one,
     * positioned at its start node. Finished runs are left alone, so running the stage again repeats nothing.
     */
    @Transactional
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
        List<LiveFlow> toStart = liveFlows.get(work.outletId(), FlowRunStore::live).stream()
                .filter(flow -> !flowsWithRun.contains(flow.pk()) && FlowDocument.appliesTo(flow.agents(), work.agent()))
                .toList();
        if (toStart.isEmpty()) {
            return pending;
        }
        // Flows see the call as extraction and functions left it (post_call, disposition_reason, ...).
        CallData call = CallData.fromCall(results.currentCall(work.callPk()));
        for (LiveFlow flow : toStart) {
            FlowRunEntity run = new FlowRunEntity();
            run.callPk = work.callPk();
            run.flowPk = flow.pk();
            run.flowVersion = flow.version();
            run.runKey = FlowRunEntity.runKey(work.callId(), flow.pk());
            run.status = FlowRunEntity.RUNNING;
            run.startedAt = Instant.now();
            run.updatedAt = run.startedAt;
            Flow model = flowOf(run, run.flowVersion);
            RunState state = model != null
                    ? RunState.begin(run.runKey, model.start().id(), call)
                    : new RunState(run.runKey, RunState.Status.FAILED, null, null, call, List.of(), run.error);
            run.state = Json.write(state);
            run.persist();
            if (model != null) {
                pending.add(new PendingRun(run.pk, model, state));
            }
        }
        return pending;
    }

    private static List<LiveFlow> live(long outletId) {
        return FlowEntity.live(outletId).stream()
                .map(flow -> new LiveFlow(flow.pk, flow.publishedVersion, flow.agents))
                .toList();
    }

    /** Saves where a run is; a run already finished (by another process that took over) is not touched. */
    @Transactional
    public void checkpoint(long runPk, RunState state) {
        FlowRunEntity.update("state = ?1, updatedAt = ?2 where pk = ?3 and status = ?4",
                Json.write(state), Instant.now(), runPk, FlowRunEntity.RUNNING);
    }

    @Transactional
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
