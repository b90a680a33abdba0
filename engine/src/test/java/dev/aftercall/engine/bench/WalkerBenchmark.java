package dev.aftercall.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftercall.engine.flow.FlowDocuments;
import dev.aftercall.engine.http.HttpPort;
import dev.aftercall.engine.http.OutboundResponse;
import dev.aftercall.engine.model.Flow;
import dev.aftercall.engine.node.ResponseMapping;
import dev.aftercall.engine.run.CallData;
import dev.aftercall.engine.run.Checkpointer;
import dev.aftercall.engine.run.Delayer;
import dev.aftercall.engine.run.FlowRunner;
import dev.aftercall.engine.run.NodeExecutors;
import dev.aftercall.engine.run.RunEnvironment;
import dev.aftercall.engine.run.RunState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the walker costs per node, without the network or the database: how far the engine's own overhead is from
 * the target of 20 µs per pure node. Run with the command in BENCHMARKS.md; the figures are per operation, so
 * {@code chainOf100PureNodes} divided by 100 is the cost of one node.
 *
 * <ul>
 *   <li>{@code chainOf100PureNodes}: Start, then 50 Set Variable nodes (two templated assignments each) alternating
 *       with 50 Decision nodes (a two-condition branch), each reading variables set upstream;</li>
 *   <li>{@code peersFlowInMemory}: the benchmark flow of {@code bench/load/flow.json} (Set Variable, Decision, API
 *       Request with a templated JSON body, response mapping), its request answered in memory at once, so the figure
 *       is the engine's work for one whole run minus the network;</li>
 *   <li>{@code responseMapping}: mapping {@code $.ticket.id} and {@code $.id} out of a parsed answer.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WalkerBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ANSWER = "{\"id\": \"crm-123\"}".getBytes(StandardCharsets.UTF_8);

    private FlowRunner runner;
    private Flow chain;
    private Flow peers;
    private CallData call;
    private RunEnvironment env;
    private JsonNode answer;

    @Setup
    public void setUp() throws Exception {
        HttpPort instant = request -> CompletableFuture.completedFuture(new OutboundResponse(200, List.of(), ANSWER));
        runner = new FlowRunner(NodeExecutors.standard(instant, Delayer.JDK));
        env = new RunEnvironment(null, Checkpointer.NONE);
        chain = FlowDocuments.parse(JSON.readTree(chainOfPureNodes(50)));
        peers = FlowDocuments.parse(JSON.readTree(WalkerBenchmark.class.getResourceAsStream("/bench/flow.json")));
        call = CallData.fromCall(JSON.readTree("""
                {"call_id": "c1", "call_duration": 42, "hangup_reason": "NORMAL",
                 "post_call": {"interested": true, "customer_name": "Asha"},
                 "call_metadata": {"lead_id": "L1", "sent_ms": 0}}"""));
        answer = JSON.readTree("{\"id\": \"crm-123\", \"ticket\": {\"id\": 991, \"status\": \"open\"}}");
        RunState end = chainOf100PureNodes();
        if (end.status() != RunState.Status.COMPLETED || end.steps().size() != 101) {
            throw new IllegalStateException("the chain did not run as meant: " + end.status() + " " + end.error());
        }
    }

    @Benchmark
    public RunState chainOf100PureNodes() {
        return runner.run(chain, RunState.begin("bench:chain", "start", call), env).toCompletableFuture().join();
    }

    @Benchmark
    public RunState peersFlowInMemory() {
        return runner.run(peers, RunState.begin("bench:peers", "start", call), env).toCompletableFuture().join();
    }

    @Benchmark
    public Object responseMapping() {
        return ResponseMapping.apply(Map.of("ticket_id", "$.ticket.id", "crm_id", "$.id"), answer, new ArrayList<>());
    }

    /** Start, then {@code pairs} × (Set Variable → Decision), the decisions' matching branch leading on. */
    static String chainOfPureNodes(int pairs) {
        StringBuilder nodes = new StringBuilder("{\"id\": \"start\", \"type\": \"start\"}");
        StringBuilder edges = new StringBuilder();
        String previous = "start";
        String port = null;
        for (int i = 0; i < pairs; i++) {
            String set = "set" + i;
            String decide = "decide" + i;
            nodes.append(", {\"id\": \"").append(set).append("\", \"type\": \"set_variable\", \"assignments\": ")
                    .append("{\"lead\": \"{{call_metadata.lead_id}}\", \"n").append(i)
                    .append("\": \"{{interaction.DURATION}}\"}}");
            nodes.append(", {\"id\": \"").append(decide).append("\", \"type\": \"decision\", \"branches\": [")
                    .append("{\"port\": \"yes\", \"match\": \"all\", \"conditions\": [")
                    .append("{\"left\": \"{{post_call.interested}}\", \"operator\": \"==\", \"right\": true}, ")
                    .append("{\"left\": \"{{n").append(i).append("}}\", \"operator\": \">\", \"right\": 10}]}], ")
                    .append("\"default_port\": \"no\"}");
            edges.append(edges.isEmpty() ? "" : ", ").append(edge(previous, port, set));
            edges.append(", ").append(edge(set, null, decide));
            previous = decide;
            port = "yes";
        }
        return "{\"nodes\": [" + nodes + "], \"edges\": [" + edges + "]}";
    }

    private static String edge(String from, String port, String to) {
        return "{\"from\": \"" + from + "\"" + (port == null ? "" : ", \"port\": \"" + port + "\"")
                + ", \"to\": \"" + to + "\"}";
    }
}
