package dev.aftercall.engine.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.auth.AuthProfiles;
import dev.aftercall.engine.model.Node;
import dev.aftercall.engine.template.PathLookup;
import dev.aftercall.engine.template.VariableLookup;

/** What an executor may read while running one node. */
public final class RunContext {
    private final RunState state;
    private final Node node;
    private final AuthProfiles authProfiles;
    private final VariableLookup variables;

    RunContext(RunState state, Node node, AuthProfiles authProfiles) {
        this.state = state;
        this.node = node;
        this.authProfiles = authProfiles;
        this.variables = PathLookup.over(state.call().roots(state.variables()));
    }

    public VariableLookup variables() {
        return variables;
    }

    public ObjectNode flowVariables() {
        return state.variables();
    }

    public AuthProfiles authProfiles() {
        return authProfiles;
    }

    /**
     * The {@code Idempotency-Key} for this node in this run: the same on every retry and after a crash, different
     * for a second visit of the node in a cycle.
     */
    public String idempotencyKey() {
        long visits = state.visits(node.id());
        return state.runKey() + ":" + node.id() + (visits == 0 ? "" : "#" + (visits + 1));
    }
}
