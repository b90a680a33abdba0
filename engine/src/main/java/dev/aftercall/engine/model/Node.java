package dev.aftercall.engine.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One step of a post-call flow. The model is data: each node type is a record, and the walker finds the
 * executor for it in {@link dev.aftercall.engine.run.NodeExecutors}. Adding a node type means a record here,
 * an executor, a registry line, a test and an example flow.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StartNode.class, name = StartNode.TYPE),
    @JsonSubTypes.Type(value = ApiRequestNode.class, name = ApiRequestNode.TYPE),
    @JsonSubTypes.Type(value = SetVariableNode.class, name = SetVariableNode.TYPE),
    @JsonSubTypes.Type(value = DecisionNode.class, name = DecisionNode.TYPE)
})
public sealed interface Node permits StartNode, ApiRequestNode, SetVariableNode, DecisionNode {

    /** Port every node that does not name one continues on. */
    String DEFAULT_PORT = "next";

    String id();

    /** The type name the flow document uses ({@code "api_request"}, ...). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    String type();

    /** The output ports an edge may leave this node from. */
    List<String> ports();

    /** True when running the node reaches outside the process, so a run is checkpointed before and after it. */
    default boolean hasSideEffects() {
        return false;
    }
}
