package dev.aftercall.engine.run;

import dev.aftercall.engine.http.HttpPort;
import dev.aftercall.engine.model.ApiRequestNode;
import dev.aftercall.engine.model.DecisionNode;
import dev.aftercall.engine.model.Node;
import dev.aftercall.engine.model.SetVariableNode;
import dev.aftercall.engine.model.StartNode;
import dev.aftercall.engine.node.ApiRequestExecutor;
import dev.aftercall.engine.node.DecisionExecutor;
import dev.aftercall.engine.node.SetVariableExecutor;
import dev.aftercall.engine.node.StartExecutor;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** The executor for each node type: one registry line per type. */
public final class NodeExecutors {
    private final Map<Class<? extends Node>, NodeExecutor<?>> byType = new HashMap<>();

    private NodeExecutors() {
    }

    public static NodeExecutors standard(HttpPort http, Delayer delayer) {
        return new NodeExecutors()
                .register(StartNode.class, new StartExecutor())
                .register(SetVariableNode.class, new SetVariableExecutor())
                .register(DecisionNode.class, new DecisionExecutor())
                .register(ApiRequestNode.class, new ApiRequestExecutor(http, delayer, Clock.systemUTC()));
    }

    public <N extends Node> NodeExecutors register(Class<N> type, NodeExecutor<N> executor) {
        byType.put(type, executor);
        return this;
    }

    public boolean supports(Class<? extends Node> type) {
        return byType.containsKey(type);
    }

    @SuppressWarnings("unchecked")
    CompletionStage<NodeOutcome> execute(Node node, RunContext context) {
        NodeExecutor<Node> executor = (NodeExecutor<Node>) byType.get(node.getClass());
        if (executor == null) {
            throw new IllegalStateException("no executor for node type " + node.getClass().getSimpleName());
        }
        return executor.execute(node, context);
    }
}
