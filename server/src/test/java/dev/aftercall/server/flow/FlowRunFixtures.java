package dev.aftercall.server.flow;

import dev.aftercall.engine.run.CallData;
import dev.aftercall.engine.run.RunState;
import dev.aftercall.server.call.CallEntity;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.pipeline.CallWork;
import dev.aftercall.server.pipeline.DeferredWrites;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Rows the API cannot produce on demand, such as a run a crashed process left half-way. Each call commits. */
@ApplicationScoped
public class FlowRunFixtures {

    @Transactional
    public CallWork work(long outletId, String callId) {
        CallEntity call = CallEntity.findByCallId(outletId, callId).orElseThrow();
        return new CallWork(call.pk, call.callId, call.outletId, call.agent, Json.tree(call.document));
    }

    /** A run of {@code flowPk} for the call that stopped before {@code node}, as a killed process leaves it. */
    @Transactional
    public long interruptedRun(CallWork work, long flowPk, int version, String node) {
        FlowRunEntity run = new FlowRunEntity();
        run.callPk = work.callPk();
        run.flowPk = flowPk;
        run.flowVersion = version;
        run.runKey = FlowRunEntity.runKey(work.callId(), flowPk);
        run.status = FlowRunEntity.RUNNING;
        run.state = Json.write(RunState.begin(run.runKey, node, CallData.fromCall(work.call())));
        run.startedAt = Instant.now();
        run.updatedAt = run.startedAt;
        run.persist();
        return run.pk;
    }

    /** Commits what a stage run on its own left for the pipeline to commit (the flows stage's last save). */
    public void commitLeftWrites(CallWork work) {
        List<Runnable> batch = work.writes().pending();
        QuarkusTransaction.requiringNew().run(() -> DeferredWrites.runAll(batch));
        work.writes().committed(batch);
    }

    @Transactional
    public FlowRunEntity run(long pk) {
        return FlowRunEntity.findById(pk);
    }
}
