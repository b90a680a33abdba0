package dev.aftercall.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * A post-call flow as the editor writes it and the engine walks it. {@code max_steps} bounds a run; a flow with a
 * cycle must set it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Flow(
        String name,
        String description,
        List<Node> nodes,
        List<Edge> edges,
        @JsonProperty("max_steps") Integer maxSteps) {

    /** Bound on steps for an acyclic flow (each node at most once) is the node count; this caps everything. */
    public static final int HARD_STEP_LIMIT = 10_000;

    public Flow {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
    }

    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public StartNode start() {
        return nodes.stream().filter(StartNode.class::isInstance).map(StartNode.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("flow has no start node"));
    }

    /** The node an edge from {@code nodeId}'s {@code port} leads to, if that port is connected. */
    public Optional<String> next(String nodeId, String port) {
        Node from = node(nodeId).orElseThrow();
        String defaultPort = from.ports().get(0);
        for (Edge e : edges) {
            String edgePort = e.port() == null ? defaultPort : e.port();
            if (e.from().equals(nodeId) && edgePort.equals(port)) {
                return Optional.of(e.to());
            }
        }
        return Optional.empty();
    }

    public int stepLimit() {
        return maxSteps == null ? Math.min(HARD_STEP_LIMIT, Math.max(1, nodes.size())) : Math.min(maxSteps, HARD_STEP_LIMIT);
    }
}
