package dev.aftercall.engine.node;

import dev.aftercall.engine.model.StartNode;
import dev.aftercall.engine.run.NodeExecutor;
import dev.aftercall.engine.run.NodeOutcome;
import dev.aftercall.engine.run.RunContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The start node only marks where a run begins. */
public final class StartExecutor implements NodeExecutor<StartNode> {
    private static final CompletionStage<NodeOutcome> NEXT =
            CompletableFuture.completedFuture(new NodeOutcome.Next(StartNode.DEFAULT_PORT, null, NodeOutcome.Trace.EMPTY));

    @Override
    public CompletionStage<NodeOutcome> execute(StartNode node, RunContext context) {
        return NEXT;
    }
}
