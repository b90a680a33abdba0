package dev.aftercall.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.model.SetVariableNode;
import dev.aftercall.engine.run.NodeExecutor;
import dev.aftercall.engine.run.NodeOutcome;
import dev.aftercall.engine.run.RunContext;
import dev.aftercall.engine.template.JsonTemplates;
import dev.aftercall.engine.template.MissingVariableException;
import dev.aftercall.engine.template.Render;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Renders each assignment against the variables as they were when the node started. */
public final class SetVariableExecutor implements NodeExecutor<SetVariableNode> {

    @Override
    public CompletionStage<NodeOutcome> execute(SetVariableNode node, RunContext context) {
        Render render = node.isStrict() ? Render.strict() : Render.lenient();
        ObjectNode updates = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> assignment : node.assignments().entrySet()) {
            updates.set(assignment.getKey(), JsonTemplates.render(assignment.getValue(), context.variables(), render));
        }
        NodeOutcome.Trace trace = NodeOutcome.Trace.warnings(render.warnings());
        try {
            render.throwIfStrictAndMissing();
        } catch (MissingVariableException e) {
            return CompletableFuture.completedFuture(new NodeOutcome.Failed(e.getMessage(), trace));
        }
        return CompletableFuture.completedFuture(new NodeOutcome.Next(SetVariableNode.DEFAULT_PORT, updates, trace));
    }
}
