package dev.aftercall.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aftercall.engine.flow.FlowDocuments;
import dev.aftercall.engine.model.Flow;
import dev.aftercall.engine.run.CallData;
import dev.aftercall.engine.run.Delayer;
import dev.aftercall.engine.run.FlowRunner;
import dev.aftercall.engine.run.NodeExecutors;
import dev.aftercall.engine.run.RunEnvironment;
import dev.aftercall.engine.run.RunState;
import dev.aftercall.server.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run parked in {@code flow_run.state} must read back exactly as it was written, in any process. */
class RunStateJsonTest {

    @Test
    void aFinishedRunReadsBackEqual() {
        Flow flow = FlowDocuments.parse(Json.tree("""
                {"name": "n", "nodes": [
                   {"id": "start", "type": "start"},
                   {"id": "set", "type": "set_variable",
                    "assignments": {"who": "{{interaction.AGENT_ID}}", "n": 2, "obj": {"a": [1, "x"]}}}],
                 "edges": [{"from": "start", "to": "set"}]}
                """));
        CallData call = CallData.fromCall(Json.tree(Map.of("call_id", "c-1", "agent", "a-1", "call_duration", 12,
                "call_metadata", Map.of("lead", 5))));
        RunState end = new FlowRunner(NodeExecutors.standard(null, Delayer.JDK))
                .run(flow, RunState.begin("c-1:9", "start", call), RunEnvironment.inMemory())
                .toCompletableFuture().join();

        String stored = Json.write(end);
        RunState read = Json.read(stored, RunState.class);

        assertThat(end.status()).isEqualTo(RunState.Status.COMPLETED);
        assertThat(read).isEqualTo(end);
        assertThat(read.steps().get(1).startedAt()).isEqualTo(end.steps().get(1).startedAt());
        assertThat(stored).contains("\"run_key\":\"c-1:9\"").contains("\"started_at\":\"");
    }
}
