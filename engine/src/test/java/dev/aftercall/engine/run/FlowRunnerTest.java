package dev.aftercall.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.flow.FlowDocuments;
import dev.aftercall.engine.http.JdkHttpPort;
import dev.aftercall.engine.model.Flow;
import dev.aftercall.engine.model.Node;
import dev.aftercall.engine.testing.StubTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FlowRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FlowRunner runner = new FlowRunner(NodeExecutors.standard(new JdkHttpPort(), Delayer.JDK));

    private static final String ROUTING = """
            {"name": "route", "nodes": [
              {"id": "start", "type": "start"},
              {"id": "vars", "type": "set_variable",
               "assignments": {"connected": "{{interaction.CONNECTED}}", "lead": "{{call_metadata.lead_id}}",
                               "label": "lead {{call_metadata.lead_id}} ({{interaction.DURATION}}s)"}},
              {"id": "interested", "type": "decision",
               "branches": [{"port": "yes", "conditions": [{"left": "{{post_call.interested}}", "operator": "==", "right": true}]}],
               "default_port": "no"},
              {"id": "hot", "type": "set_variable", "assignments": {"segment": "hot"}},
              {"id": "cold", "type": "set_variable", "assignments": {"segment": "cold"}}
            ],
            "edges": [
              {"from": "start", "to": "vars"}, {"from": "vars", "to": "interested"},
              {"from": "interested", "port": "yes", "to": "hot"}, {"from": "interested", "port": "no", "to": "cold"}
            ]}""";

    private static CallData call(String json) throws Exception {
        return CallData.fromCall(JSON.readTree(json));
    }

    private RunState run(Flow flow, CallData call) {
        return runner.run(flow, RunState.begin("c1:f1", flow.start().id(), call), RunEnvironment.inMemory())
                .toCompletableFuture().join();
    }

    @Test
    void decisionRoutesInterestedLeadsAndSetVariableKeepsTypes() throws Exception {
        Flow flow = FlowDocuments.parse(JSON.readTree(ROUTING));

        RunState state = run(flow, call("""
                {"call_id": "c1", "call_duration": 42, "call_metadata": {"lead_id": 7}, "post_call": {"interested": "true"}}"""));

        assertThat(state.status()).isEqualTo(RunState.Status.COMPLETED);
        assertThat(state.steps()).extracting(Step::node).containsExactly("start", "vars", "interested", "hot");
        assertThat(state.steps()).extracting(Step::port).containsExactly("next", "next", "yes", "next");
        assertThat(state.variables().get("connected").isBoolean()).isTrue();
        assertThat(state.variables().get("lead").isInt()).isTrue();
        assertThat(state.variables().get("label").asText()).isEqualTo("lead 7 (42s)");
        assertThat(state.variables().get("segment").asText()).isEqualTo("hot");
    }

    @Test
    void defaultPortIsTakenWhenNoBranchHolds() throws Exception {
        Flow flow = FlowDocuments.parse(JSON.readTree(ROUTING));

        RunState state = run(flow, call("{\"call_id\": \"c2\", \"call_duration\": 0, \"post_call\": {\"interested\": false}}"));

        assertThat(state.steps()).extracting(Step::node).containsExactly("start", "vars", "interested", "cold");
        assertThat(state.variables().get("connected").booleanValue()).isFalse();
        assertThat(state.steps().get(1).warnings()).contains("variable 'call_metadata.lead_id' is not defined");
    }

    @Test
    void strictNodeFailsTheRunOnAMissingVariable() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(ROUTING);
        ((ObjectNode) doc.withArray("nodes").get(1)).put("strict", true);
        Flow flow = FlowDocuments.parse(doc);

        RunState state = run(flow, call("{\"call_id\": \"c3\"}"));

        assertThat(state.status()).isEqualTo(RunState.Status.FAILED);
        assertThat(state.error()).contains("node 'vars'").contains("call_metadata.lead_id");
        assertThat(state.steps()).extracting(Step::node).containsExactly("start", "vars");
    }

    @Test
    void cycleStopsAtTheStepLimit() throws Exception {
        Flow flow = FlowDocuments.parse(JSON.readTree("""
                {"max_steps": 25, "nodes": [
                  {"id": "start", "type": "start"},
                  {"id": "again", "type": "set_variable", "assignments": {"n": "{{n}}x"}}],
                 "edges": [{"from": "start", "to": "again"}, {"from": "again", "to": "again"}]}"""));

        RunState state = run(flow, CallData.empty());

        assertThat(state.status()).isEqualTo(RunState.Status.FAILED);
        assertThat(state.error()).contains("step limit of 25");
        assertThat(state.steps()).hasSize(25);
    }

    @Test
    void aRunResumedFromItsSerialisedStateFinishesTheSameWay() throws Exception {
        Flow flow = FlowDocuments.parse(JSON.readTree(ROUTING));
        CallData call = call("{\"call_id\": \"c4\", \"call_metadata\": {\"lead_id\": 9}, \"post_call\": {\"interested\": true}}");
        RunState begun = RunState.begin("c4:f1", "start", call);
        RunState afterTwo = runner.step(flow, runner.step(flow, begun, RunEnvironment.inMemory())
                .toCompletableFuture().join(), RunEnvironment.inMemory()).toCompletableFuture().join();

        String parked = EngineJson.MAPPER.writeValueAsString(afterTwo);
        RunState resumed = EngineJson.MAPPER.readValue(parked, RunState.class);
        RunState finished = runner.run(flow, resumed, RunEnvironment.inMemory()).toCompletableFuture().join();

        assertThat(resumed.currentNode()).isEqualTo("interested");
        assertThat(finished.steps()).extracting(Step::node).containsExactly("start", "vars", "interested", "hot");
        assertThat(finished.variables().get("lead").asInt()).isEqualTo(9);
    }

    @Test
    void checkpointsAreTakenOnlyAfterNodesWithSideEffects() throws Exception {
        Flow flow = FlowDocuments.parse(JSON.readTree(ROUTING));
        List<String> saved = new ArrayList<>();
        RunEnvironment env = new RunEnvironment(null, state -> {
            saved.add(state.currentNode());
            return CompletableFuture.completedFuture(null);
        });

        runner.run(flow, RunState.begin("c5:f1", "start", CallData.empty()), env).toCompletableFuture().join();

        assertThat(saved).isEmpty();
    }

    @Test
    void aRequestInTheMiddleIsCheckpointedAndOneThatEndsTheRunIsLeftToTheCaller() throws Exception {
        try (StubTarget target = new StubTarget().start().respond("POST", "/leads", 200, "{\"id\": \"crm-1\"}")) {
            String request = """
                    {"id": "post", "type": "api_request", "method": "POST", "url": "%s/leads", "body": {"a": 1}}"""
                    .formatted(target.baseUrl());
            Flow middle = FlowDocuments.parse(JSON.readTree("""
                    {"nodes": [{"id": "start", "type": "start"}, %s,
                               {"id": "after", "type": "set_variable", "assignments": {"done": true}}],
                     "edges": [{"from": "start", "to": "post"}, {"from": "post", "port": "ok", "to": "after"}]}"""
                    .formatted(request)));
            Flow last = FlowDocuments.parse(JSON.readTree("""
                    {"nodes": [{"id": "start", "type": "start"}, %s],
                     "edges": [{"from": "start", "to": "post"}]}""".formatted(request)));
            List<String> saved = new ArrayList<>();
            RunEnvironment env = new RunEnvironment(null, state -> {
                saved.add(state.currentNode());
                return CompletableFuture.completedFuture(null);
            });

            RunState middleRun = runner.run(middle, RunState.begin("c6:f1", "start", CallData.empty()), env)
                    .toCompletableFuture().join();
            assertThat(saved).containsExactly("after");
            saved.clear();
            RunState lastRun = runner.run(last, RunState.begin("c7:f1", "start", CallData.empty()), env)
                    .toCompletableFuture().join();

            assertThat(saved).isEmpty();
            assertThat(middleRun.finished()).isTrue();
            assertThat(lastRun.finished()).isTrue();
            assertThat(target.requestsTo("/leads")).hasSize(2);
        }
    }

    @Test
    void everyNodeTypeHasAnExecutor() {
        NodeExecutors executors = NodeExecutors.standard(new JdkHttpPort(), Delayer.JDK);

        for (Class<?> type : Node.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            Class<? extends Node> nodeType = (Class<? extends Node>) type;
            assertThat(executors.supports(nodeType)).as(type.getSimpleName()).isTrue();
        }
    }
}
