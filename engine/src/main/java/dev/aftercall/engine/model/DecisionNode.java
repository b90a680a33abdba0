package dev.aftercall.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aftercall.engine.condition.ConditionGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * Routes a run: the first branch whose conditions hold names the port taken, else {@code default_port}.
 */
@JsonIgnoreProperties({"ui"})
public record DecisionNode(
        String id,
        List<Branch> branches,
        @JsonProperty("default_port") String defaultPort,
        Boolean strict) implements Node {
    public static final String TYPE = "decision";
    public static final String FALLBACK_DEFAULT_PORT = "default";

    public DecisionNode {
        branches = branches == null ? List.of() : List.copyOf(branches);
        defaultPort = defaultPort == null || defaultPort.isBlank() ? FALLBACK_DEFAULT_PORT : defaultPort;
    }

    public boolean isStrict() {
        return Boolean.TRUE.equals(strict);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> ports() {
        List<String> ports = new ArrayList<>();
        for (Branch b : branches) {
            ports.add(b.port());
        }
        ports.add(defaultPort);
        return ports;
    }

    /** One outgoing branch: a condition group with the port it leads to. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Branch(String port, String match, List<dev.aftercall.engine.condition.Condition> conditions) {
        public ConditionGroup group() {
            return new ConditionGroup(match, conditions);
        }
    }
}
