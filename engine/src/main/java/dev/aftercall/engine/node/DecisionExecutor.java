package dev.aftercall.engine.node;

import dev.aftercall.engine.condition.ConditionEvaluator;
import dev.aftercall.engine.model.DecisionNode;
import dev.aftercall.engine.run.NodeExecutor;
import dev.aftercall.engine.run.NodeOutcome;
import dev.aftercall.engine.run.RunContext;
import dev.aftercall.engine.template.MissingVariableException;
import dev.aftercall.engine.template.Render;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Takes the port of the first branch whose condition group holds, else the default port. */
public final class DecisionExecutor implements NodeExecutor<DecisionNode> {

    @Override
    public CompletionStage<NodeOutcome> execute(DecisionNode node, RunContext context) {
        Render render = node.isStrict() ? Render.strict() : Render.lenient();
        String port = node.defaultPort();
        for (DecisionNode.Branch branch : node.branches()) {
            if (ConditionEvaluator.test(branch.group(), context.variables(), render)) {
                port = branch.port();
                break;
            }
        }
        NodeOutcome.Trace trace = NodeOutcome.Trace.warnings(render.warnings());
        try {
            render.throwIfStrictAndMissing();
        } catch (MissingVariableException e) {
            return CompletableFuture.completedFuture(new NodeOutcome.Failed(e.getMessage(), trace));
        }
        return CompletableFuture.completedFuture(new NodeOutcome.Next(port, null, trace));
    }
}
