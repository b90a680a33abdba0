package dev.aftercall.engine.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run is: serialisable, so a run can be parked in the database and resumed by another process at
 * {@link #currentNode()}. Advanced only by {@link FlowRunner#step}; treat instances as immutable (the
 * {@code variables} object is copied on every change).
 *
 * @param runKey  stable identity of this run (call id + flow), the prefix of every {@code Idempotency-Key}
 * @param currentNode the next node to execute while {@link Status#RUNNING}, null once finished
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunState(
        @JsonProperty("run_key") String runKey,
        Status status,
        @JsonProperty("current_node") String currentNode,
        ObjectNode variables,
        CallData call,
        List<Step> steps,
        String error) {

    public enum Status { RUNNING, COMPLETED, FAILED }

    public RunState {
        variables = variables == null ? JsonNodeFactory.instance.objectNode() : variables;
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** A fresh run positioned at the flow's start node. */
    public static RunState begin(String runKey, String startNodeId, CallData call) {
        return new RunState(runKey, Status.RUNNING, startNodeId, null, call, List.of(), null);
    }

    public boolean finished() {
        return status != Status.RUNNING;
    }

    /** How many times {@code nodeId} has run already in this run (cycles visit a node more than once). */
    public long visits(String nodeId) {
        return steps.stream().filter(s -> s.node().equals(nodeId)).count();
    }

    /**
     * A failed run set to go again from the node that failed, as if that node had not run yet: its step is dropped,
     * so the retried request carries the same {@code Idempotency-Key} and a target that did receive the failed one
     * can tell. Empty when the failure was not a node's (a missing node, the step limit): running again cannot help.
     */
    public java.util.Optional<RunState> retryFromFailure() {
        if (status != Status.FAILED || steps.isEmpty() || steps.get(steps.size() - 1).error() == null) {
            return java.util.Optional.empty();
        }
        Step failed = steps.get(steps.size() - 1);
        return java.util.Optional.of(new RunState(runKey, Status.RUNNING, failed.node(), variables, call,
                steps.subList(0, steps.size() - 1), null));
    }

    RunState advance(Step step, ObjectNode newVariables, String nextNode) {
        List<Step> all = new ArrayList<>(steps);
        all.add(step);
        Status next = nextNode == null ? Status.COMPLETED : Status.RUNNING;
        return new RunState(runKey, next, nextNode, newVariables, call, all, null);
    }

    RunState fail(Step step, ObjectNode newVariables, String reason) {
        List<Step> all = new ArrayList<>(steps);
        if (step != null) {
            all.add(step);
        }
        return new RunState(runKey, Status.FAILED, null, newVariables, call, all, reason);
    }
}
