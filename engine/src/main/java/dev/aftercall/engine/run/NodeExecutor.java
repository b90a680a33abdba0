package dev.aftercall.engine.run;

import dev.aftercall.engine.model.Node;
import java.util.concurrent.CompletionStage;

/**
 * Runs one node type. An executor sees only its node and the {@link RunContext}, never the graph: the
 * {@link FlowRunner} follows edges. It must not block; I/O completes the returned stage later.
 */
@FunctionalInterface
public interface NodeExecutor<N extends Node> {
    CompletionStage<NodeOutcome> execute(N node, RunContext context);
}
