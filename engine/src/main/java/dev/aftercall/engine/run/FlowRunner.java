package dev.aftercall.engine.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.model.ApiRequestNode;
import dev.aftercall.engine.model.Flow;
import dev.aftercall.engine.model.Node;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Walks a flow: {@link #step} runs the current node and decides where the run goes next; {@link #run} repeats it
 * until the run finishes. Pure nodes that complete at once run in a loop on the caller's thread (no stack
 * growth, no hand-off); a node that does I/O continues the loop on whatever thread completes it. Runs are
 * checkpointed after each node with side effects: pure nodes are deterministic, so a resumed run that repeats them
 * reaches the same state. A node that ends the run is not checkpointed: the caller saves the finished state that
 * {@link #run} answers, and one write is enough.
 */
public final class FlowRunner {
    private final NodeExecutors executors;

    public FlowRunner(NodeExecutors executors) {
        this.executors = executors;
    }

    /** Runs from {@code state.currentNode()} to the end; the returned stage never completes exceptionally. */
    public CompletionStage<RunState> run(Flow flow, RunState state, RunEnvironment env) {
        CompletableFuture<RunState> done = new CompletableFuture<>();
        drive(flow, state, env, done);
        return done;
    }

    private void drive(Flow flow, RunState state, RunEnvironment env, CompletableFuture<RunState> done) {
        RunState current = state;
        while (!current.finished()) {
            Node node = flow.node(current.currentNode()).orElse(null);
            CompletableFuture<RunState> next = step(flow, current, env).toCompletableFuture();
            if (node != null && node.hasSideEffects()) {
                next = next.thenCompose(s -> s.finished() ? CompletableFuture.completedFuture(s)
                        : env.checkpointer().save(s).thenApply(v -> s)).toCompletableFuture();
            }
            if (!next.isDone()) {
                next.whenComplete((s, error) -> {
                    if (error != null) {
                        done.completeExceptionally(error);
                    } else {
                        drive(flow, s, env, done);
                    }
                });
                return;
            }
            if (next.isCompletedExceptionally()) {
                next.whenComplete((s, error) -> done.completeExceptionally(error));
                return;
            }
            current = next.join();
        }
        done.complete(current);
    }

    /** Runs one node and answers the state after it. */
    public CompletionStage<RunState> step(Flow flow, RunState state, RunEnvironment env) {
        if (state.finished()) {
            return CompletableFuture.completedFuture(state);
        }
        Optional<Node> found = flow.node(state.currentNode());
        if (found.isEmpty()) {
            return CompletableFuture.completedFuture(
                    state.fail(null, state.variables(), "node '" + state.currentNode() + "' does not exist"));
        }
        Node node = found.get();
        if (state.steps().size() >= flow.stepLimit()) {
            return CompletableFuture.completedFuture(state.fail(null, state.variables(),
                    "step limit of " + flow.stepLimit() + " reached at node '" + node.id() + "'"));
        }
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        CompletionStage<NodeOutcome> outcome;
        try {
            outcome = executors.execute(node, new RunContext(state, node, env.authProfiles()));
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        return outcome.handle((result, error) -> {
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (error != null) {
                result = new NodeOutcome.Failed("node failed: " + error, NodeOutcome.Trace.EMPTY);
            }
            return advance(flow, state, node, result, startedAt, millis);
        });
    }

    private static RunState advance(Flow flow, RunState state, Node node, NodeOutcome outcome, Instant startedAt,
                                    long millis) {
        NodeOutcome.Trace trace = outcome.trace();
        int index = state.steps().size();
        String type = node.type();
        if (outcome instanceof NodeOutcome.Failed failed) {
            Step step = new Step(index, node.id(), type, null, startedAt, millis, trace.attempts(), trace.request(),
                    trace.response(), null, trace.warnings(), failed.reason());
            return state.fail(step, state.variables(), "node '" + node.id() + "': " + failed.reason());
        }
        NodeOutcome.Next next = (NodeOutcome.Next) outcome;
        ObjectNode variables = state.variables();
        if (next.updates() != null && !next.updates().isEmpty()) {
            variables = variables.deepCopy();
            variables.setAll(next.updates());
        }
        Step step = new Step(index, node.id(), type, next.port(), startedAt, millis, trace.attempts(),
                trace.request(), trace.response(), next.updates(), trace.warnings(), trace.error());
        Optional<String> target = flow.next(node.id(), next.port());
        if (target.isEmpty() && ApiRequestNode.ERROR.equals(next.port()) && node instanceof ApiRequestNode) {
            return state.fail(step, variables, "node '" + node.id() + "': " + trace.error());
        }
        return state.advance(step, variables, target.orElse(null));
    }

}
