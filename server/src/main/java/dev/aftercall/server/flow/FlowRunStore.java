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
import dev.aftercall.server.tx.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    private static final String INSERT = """
            insert into flow_run (call_pk, flow_pk, flow_version, run_key, status, state, error,
                                  started_at, finished_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private record VersionKey(long flowPk, int version) {
    }

    /** A flow that runs for the outlet's calls: published, not deleted ({@code agents} as {@link FlowEntity#agents}). */
    private record LiveFlow(long pk, int version, String agents) {
    }

    private final CallResults results;
    private final Sql sql;
    private final Map<VersionKey, Flow> parsed = new ConcurrentHashMap<>();
    private final SetupCache<List<LiveFlow>> liveFlows;

    public FlowRunStore(CallResults results, Sql sql, SetupChanges changes) {
        this.results = results;
        this.sql = sql;
        this.liveFlows = changes.newCache();
    }

    /**
     * A run to drive: its row ({@link #NOT_RECORDED} for a run starting now, whose first save {@link #insert inserts}
     * it), the flow version it runs, and the state to continue from.
     */
    public record PendingRun(long runPk, long flowPk, int version, Flow flow, RunState state) {
        public static final long NOT_RECORDED = 0;
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
            String document = QuarkusTransaction.joiningExisting().call(() -> FlowVersionEntity.of(flowPk, version))
                    .map(v -> v.document).orElseThrow(() ->
                            new IllegalStateException("version " + version + " of flow " + flowPk + " is missing"));
            return FlowDocument.stored(document).flow();
        });
    }

    /**
     * What the call's flows still need. A run an earlier attempt left running resumes at its stored node, on the
     * version it started with; a published flow that applies to the call's agent and has no run yet gets one,
     * positioned at its start node, not yet recorded: its row is written at its first save (a checkpoint after a node
     * with side effects, or its end). Until then it has done nothing outside the process, and a run interrupted
     * before it starts over, as it would from a row at its start node. Finished runs are left alone, so running the
     * stage again repeats nothing. (Plain statements, not entities: this runs for every call; see {@link Sql}.)
     */
    @Transactional
    public List<PendingRun> pending(CallWork work) {
        List<PendingRun> pending = new ArrayList<>();
        Set<Long> flowsWithRun = new HashSet<>();
        for (StoredRun run : sql.query("select pk, flow_pk, flow_version, status, state from flow_run "
                + "where call_pk = ? order by pk", StoredRun::of, work.callPk())) {
            flowsWithRun.add(run.flowPk());
            if (FlowRunEntity.RUNNING.equals(run.status())) {
                try {
                    pending.add(new PendingRun(run.pk(), run.flowPk(), run.flowVersion(),
                            flowOf(run.flowPk(), run.flowVersion()), Json.read(run.state(), RunState.class)));
                } catch (CannotRun e) {
                    Instant now = Instant.now();
                    sql.update("update flow_run set status = ?, error = ?, finished_at = ?, updated_at = ? where pk = ?",
                            FlowView.status(RunState.Status.FAILED), e.getMessage(), now, now, run.pk());
                }
            }
        }
        List<LiveFlow> toStart = liveFor(work).stream().filter(flow -> !flowsWithRun.contains(flow.pk())).toList();
        if (toStart.isEmpty()) {
            return pending;
        }
        // Flows see the call as extraction and functions left it (post_call, disposition_reason, ...).
        CallData call = CallData.fromCall(results.currentCall(work.callPk(), work.call()));
        for (LiveFlow flow : toStart) {
            try {
                pending.add(starting(work, flow, call));
            } catch (CannotRun e) {
                insert(work.callPk(), flow.pk(), flow.version(), new RunState(FlowRunEntity.runKey(work.callId(),
                        flow.pk()), RunState.Status.FAILED, null, null, call, List.of(), e.getMessage()));
            }
        }
        return pending;
    }

    /**
     * As {@link #pending} for a call nothing of which is stored but its row ({@link CallWork#untouched}): no earlier
     * runs, empty results, so no statement at all while the outlet's flows and their versions are cached. Null when
     * a published version cannot run: {@link #pending} records that.
     */
    public List<PendingRun> untouched(CallWork work) {
        CallData call = CallData.fromCall(work.call());
        List<PendingRun> pending = new ArrayList<>();
        for (LiveFlow flow : liveFor(work)) {
            try {
                pending.add(starting(work, flow, call));
            } catch (CannotRun e) {
                return null;
            }
        }
        return pending;
    }

    /** The outlet's published flows that apply to the call's agent (cached; see {@link SetupCache}). */
    private List<LiveFlow> liveFor(CallWork work) {
        return liveFlows.get(work.outletId(), FlowRunStore::live).stream()
                .filter(flow -> FlowDocument.appliesTo(flow.agents(), work.agent()))
                .toList();
    }

    /** A run of {@code flow} for the call, at its start node and not yet recorded. */
    private PendingRun starting(CallWork work, LiveFlow flow, CallData call) {
        Flow model = flowOf(flow.pk(), flow.version());
        return new PendingRun(PendingRun.NOT_RECORDED, flow.pk(), flow.version(), model,
                RunState.begin(FlowRunEntity.runKey(work.callId(), flow.pk()), model.start().id(), call));
    }

    /** The first save of a run that started in this attempt: writes its row as {@code state} has it; answers its pk. */
    @Transactional
    public long insert(long callPk, PendingRun run, RunState state) {
        return insert(callPk, run.flowPk(), run.version(), state);
    }

    /**
     * The only save of a run that ended in this attempt before any checkpoint: its row as {@code state} has it,
     * written before the transaction commits with the other runs' ({@link Sql#later}); nothing reads its pk.
     */
    @Transactional
    public void insertFinished(long callPk, PendingRun run, RunState state) {
        sql.later(INSERT, insertArgs(callPk, run.flowPk(), run.version(), state));
    }

    private long insert(long callPk, long flowPk, int version, RunState state) {
        // Saved while the run goes on, before its job's outcome checks the lease (JobHandler#beforeOutcome): the call
        // is checked and locked as flow_run's foreign key to it did before V16_2 dropped it on PostgreSQL.
        if (!sql.lockParent("call", callPk)) {
            throw new IllegalStateException("call pk " + callPk + " is gone (retention); its flow run is not saved");
        }
        return sql.insert(INSERT, insertArgs(callPk, flowPk, version, state));
    }

    private static Object[] insertArgs(long callPk, long flowPk, int version, RunState state) {
        Instant now = Instant.now();
        Instant started = state.steps().isEmpty() ? now : state.steps().get(0).startedAt();
        return new Object[] {callPk, flowPk, version, state.runKey(), FlowView.status(state.status()),
                Json.write(state), state.error(), started, state.finished() ? now : null, now};
    }

    /** The columns of a stored run that {@link #pending} reads. */
    private record StoredRun(long pk, long flowPk, int flowVersion, String status, String state) {
        static StoredRun of(ResultSet row) throws SQLException {
            return new StoredRun(row.getLong("pk"), row.getLong("flow_pk"), row.getInt("flow_version"),
                    row.getString("status"), row.getString("state"));
        }
    }

    private static List<LiveFlow> live(long outletId) {
        return FlowEntity.live(outletId).stream()
                .map(flow -> new LiveFlow(flow.pk, flow.publishedVersion, flow.agents))
                .toList();
    }

    /** Saves where a run is; a run already finished (by another process that took over) is not touched. */
    @Transactional
    public void checkpoint(long runPk, RunState state) {
        sql.update("update flow_run set state = ?, updated_at = ? where pk = ? and status = ?",
                Json.write(state), Instant.now(), runPk, FlowRunEntity.RUNNING);
    }

    /** The last save of a run that has a row: written before the transaction commits ({@link Sql#later}). */
    @Transactional
    public void finish(long runPk, RunState state) {
        Instant now = Instant.now();
        sql.later("update flow_run set state = ?, status = ?, error = ?, finished_at = ?, updated_at = ? where pk = ?",
                Json.write(state), FlowView.status(state.status()), state.error(), now, now, runPk);
    }

    /**
     * The engine model of a published version. A document saved under older, looser rules may no longer parse;
     * the run is then recorded failed with the reasons instead of failing the whole call again and again.
     */
    private Flow flowOf(long flowPk, int version) {
        try {
            return published(flowPk, version);
        } catch (FlowValidationException | IllegalStateException e) {
            throw new CannotRun("flow version " + version + " cannot run: " + e.getMessage());
        }
    }

    /** A run's flow version cannot run; the message says why. */
    private static final class CannotRun extends RuntimeException {
        CannotRun(String message) {
            super(message, null, false, false);
        }
    }
}
