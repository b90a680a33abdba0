package dev.aftercall.engine.flow;

import dev.aftercall.engine.condition.Condition;
import dev.aftercall.engine.condition.ConditionEvaluator;
import dev.aftercall.engine.model.ApiRequestNode;
import dev.aftercall.engine.model.DecisionNode;
import dev.aftercall.engine.model.Edge;
import dev.aftercall.engine.model.Flow;
import dev.aftercall.engine.model.Node;
import dev.aftercall.engine.model.SetVariableNode;
import dev.aftercall.engine.model.StartNode;
import dev.aftercall.engine.node.ResponseMapping;
import dev.aftercall.engine.template.JsonTemplates;
import dev.aftercall.engine.template.Template;
import dev.aftercall.engine.template.TemplateException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a flow before it is saved: the graph (one start, edges between existing nodes and ports, every node
 * reachable, cycles only with {@code max_steps}) and each node's settings (templates parse, JSONPaths compile,
 * methods, URLs, limits). Linear in the size of the flow, so a huge flow is rejected or accepted quickly.
 */
public final class FlowValidator {
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    private static final long MAX_TIMEOUT_MS = 300_000;
    private static final int MAX_ATTEMPTS = 10;

    private FlowValidator() {
    }

    public static List<FlowError> validate(Flow flow) {
        List<FlowError> errors = new ArrayList<>();
        if (flow.nodes().size() > Flow.HARD_STEP_LIMIT) {
            errors.add(new FlowError("a flow may have at most " + Flow.HARD_STEP_LIMIT + " nodes", null, "nodes"));
            return errors;
        }
        checkGraph(flow, errors);
        for (Node node : flow.nodes()) {
            if (node instanceof ApiRequestNode api) {
                checkApiRequest(api, errors);
            } else if (node instanceof SetVariableNode set) {
                checkSetVariable(set, errors);
            } else if (node instanceof DecisionNode decision) {
                checkDecision(decision, errors);
            }
        }
        return errors;
    }

    private static void checkGraph(Flow flow, List<FlowError> errors) {
        long starts = flow.nodes().stream().filter(StartNode.class::isInstance).count();
        if (starts == 0) {
            errors.add(new FlowError("the flow has no start node", null, "nodes"));
            return;
        }
        if (starts > 1) {
            flow.nodes().stream().filter(StartNode.class::isInstance).skip(1).forEach(n ->
                    errors.add(new FlowError("a flow has exactly one start node", n.id(), "type")));
            return;
        }
        Map<String, Node> byId = new HashMap<>();
        flow.nodes().forEach(n -> byId.put(n.id(), n));
        Map<String, List<String>> successors = new HashMap<>();
        Set<String> usedPorts = new HashSet<>();
        for (int i = 0; i < flow.edges().size(); i++) {
            Edge edge = flow.edges().get(i);
            String field = "edges[" + i + "]";
            Node from = byId.get(edge.from());
            if (from == null) {
                errors.add(new FlowError("edge from unknown node '" + edge.from() + "'", edge.from(), field + ".from"));
                continue;
            }
            if (!byId.containsKey(edge.to())) {
                errors.add(new FlowError("edge to unknown node '" + edge.to() + "'", edge.from(), field + ".to"));
                continue;
            }
            String port = edge.port() == null ? from.ports().get(0) : edge.port();
            if (!from.ports().contains(port)) {
                errors.add(new FlowError("node '" + from.id() + "' has no port '" + port + "' (ports: "
                        + String.join(", ", from.ports()) + ")", from.id(), field + ".port"));
                continue;
            }
            if (!usedPorts.add(from.id() + "\u0000" + port)) {
                errors.add(new FlowError("port '" + port + "' of node '" + from.id() + "' is connected twice",
                        from.id(), field + ".port"));
                continue;
            }
            if (byId.get(edge.to()) instanceof StartNode) {
                errors.add(new FlowError("no edge may lead into the start node", edge.from(), field + ".to"));
                continue;
            }
            successors.computeIfAbsent(from.id(), k -> new ArrayList<>()).add(edge.to());
        }
        if (!errors.isEmpty()) {
            return;
        }
        Set<String> reached = reachable(flow.start().id(), successors);
        for (Node node : flow.nodes()) {
            if (!reached.contains(node.id())) {
                errors.add(new FlowError("node '" + node.id() + "' is not reachable from the start node", node.id(),
                        null));
            }
        }
        if (flow.maxSteps() == null) {
            String onCycle = firstNodeOnCycle(flow, successors);
            if (onCycle != null) {
                errors.add(new FlowError("the flow loops back through node '" + onCycle
                        + "': set max_steps to bound how many steps a run may take", onCycle, "max_steps"));
            }
        }
    }

    private static Set<String> reachable(String start, Map<String, List<String>> successors) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.push(start);
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) {
                successors.getOrDefault(id, List.of()).forEach(todo::push);
            }
        }
        return seen;
    }

    /** Iterative three-colour depth-first search, so a 10,000-node chain cannot overflow the stack. */
    private static String firstNodeOnCycle(Flow flow, Map<String, List<String>> successors) {
        Map<String, Integer> colour = new HashMap<>(); // absent: unvisited, 1: on the current path, 2: done
        for (Node root : flow.nodes()) {
            if (colour.containsKey(root.id())) {
                continue;
            }
            Deque<Object[]> stack = new ArrayDeque<>();
            stack.push(new Object[] {root.id(), 0});
            colour.put(root.id(), 1);
            while (!stack.isEmpty()) {
                Object[] frame = stack.peek();
                String id = (String) frame[0];
                List<String> next = successors.getOrDefault(id, List.of());
                int i = (Integer) frame[1];
                if (i == next.size()) {
                    colour.put(id, 2);
                    stack.pop();
                    continue;
                }
                frame[1] = i + 1;
                String child = next.get(i);
                Integer c = colour.get(child);
                if (c == null) {
                    colour.put(child, 1);
                    stack.push(new Object[] {child, 0});
                } else if (c == 1) {
                    return child;
                }
            }
        }
        return null;
    }

    private static void checkApiRequest(ApiRequestNode node, List<FlowError> errors) {
        String id = node.id();
        if (!ApiRequestNode.METHODS.contains(node.method())) {
            errors.add(new FlowError("method must be one of " + String.join(", ", ApiRequestNode.METHODS), id,
                    "method"));
        }
        if (node.url() == null || node.url().isBlank()) {
            errors.add(new FlowError("url is required", id, "url"));
        } else if (template(node.url(), id, "url", errors) && !node.url().startsWith("{{")) {
            checkUrlScheme(node.url(), id, errors);
        }
        node.query().forEach((k, v) -> template(v, id, "query." + k, errors));
        node.headers().forEach((k, v) -> {
            if (k.isBlank() || k.chars().anyMatch(c -> c <= ' ' || c == ':' || c > 126)) {
                errors.add(new FlowError("invalid header name '" + k + "'", id, "headers"));
            }
            template(v, id, "headers." + k, errors);
        });
        if (node.body() != null) {
            for (String problem : JsonTemplates.check(node.body(), "body")) {
                errors.add(new FlowError(problem, id, "body"));
            }
        }
        if (node.timeoutMs() < 1 || node.timeoutMs() > MAX_TIMEOUT_MS) {
            errors.add(new FlowError("timeout_ms must be between 1 and " + MAX_TIMEOUT_MS, id, "timeout_ms"));
        }
        if (node.retry().maxAttempts() < 1 || node.retry().maxAttempts() > MAX_ATTEMPTS) {
            errors.add(new FlowError("retry.max_attempts must be between 1 and " + MAX_ATTEMPTS, id,
                    "retry.max_attempts"));
        }
        if (!List.of("exponential", "fixed").contains(node.retry().backoff())) {
            errors.add(new FlowError("retry.backoff must be 'exponential' or 'fixed'", id, "retry.backoff"));
        }
        if (node.retry().baseDelayMs() < 0 || node.retry().maxDelayMs() < node.retry().baseDelayMs()) {
            errors.add(new FlowError("retry delays must be ≥ 0 and max_delay_ms ≥ base_delay_ms", id,
                    "retry.base_delay_ms"));
        }
        node.responseMapping().forEach((variable, path) -> {
            if (!VARIABLE_NAME.matcher(variable).matches()) {
                errors.add(new FlowError("invalid variable name '" + variable + "'", id, "response_mapping"));
            }
            ResponseMapping.problem(path).ifPresent(p ->
                    errors.add(new FlowError(p, id, "response_mapping." + variable)));
        });
    }

    private static void checkUrlScheme(String url, String id, List<FlowError> errors) {
        String literalPrefix = url.contains("{{") ? url.substring(0, url.indexOf("{{")) : url;
        String lower = literalPrefix.toLowerCase(java.util.Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://")
                || "http://".startsWith(lower) || "https://".startsWith(lower))) {
            errors.add(new FlowError("url must start with http:// or https://", id, "url"));
            return;
        }
        if (!url.contains("{{")) {
            try {
                URI uri = new URI(url);
                if (uri.getHost() == null) {
                    errors.add(new FlowError("url has no host", id, "url"));
                }
            } catch (java.net.URISyntaxException e) {
                errors.add(new FlowError("invalid url: " + e.getMessage(), id, "url"));
            }
        }
    }

    private static void checkSetVariable(SetVariableNode node, List<FlowError> errors) {
        if (node.assignments().isEmpty()) {
            errors.add(new FlowError("set at least one variable", node.id(), "assignments"));
        }
        node.assignments().forEach((name, value) -> {
            if (!VARIABLE_NAME.matcher(name).matches()) {
                errors.add(new FlowError("invalid variable name '" + name + "'", node.id(), "assignments"));
            }
            for (String problem : JsonTemplates.check(value, "assignments." + name)) {
                errors.add(new FlowError(problem, node.id(), "assignments." + name));
            }
        });
    }

    private static void checkDecision(DecisionNode node, List<FlowError> errors) {
        Set<String> ports = new HashSet<>();
        ports.add(node.defaultPort());
        for (int b = 0; b < node.branches().size(); b++) {
            DecisionNode.Branch branch = node.branches().get(b);
            String field = "branches[" + b + "]";
            if (branch.port() == null || branch.port().isBlank()) {
                errors.add(new FlowError("each branch needs a port name", node.id(), field + ".port"));
            } else if (!ports.add(branch.port())) {
                errors.add(new FlowError("port '" + branch.port() + "' is used twice", node.id(), field + ".port"));
            }
            List<Condition> conditions = branch.conditions() == null ? List.of() : branch.conditions();
            if (conditions.isEmpty()) {
                errors.add(new FlowError("a branch needs at least one condition", node.id(), field + ".conditions"));
            }
            if (branch.match() != null && !List.of("all", "any").contains(branch.match())) {
                errors.add(new FlowError("match must be 'all' or 'any'", node.id(), field + ".match"));
            }
            for (int c = 0; c < conditions.size(); c++) {
                String conditionField = field + ".conditions[" + c + "]";
                for (String problem : ConditionEvaluator.check(conditions.get(c))) {
                    errors.add(new FlowError(problem, node.id(), conditionField + "." + operandOf(problem)));
                }
            }
        }
    }

    /** Which part of a condition a problem is about, from the evaluator's message. */
    private static String operandOf(String problem) {
        if (problem.startsWith("left")) {
            return "left";
        }
        return problem.startsWith("right") ? "right" : "operator";
    }

    private static boolean template(String text, String node, String field, List<FlowError> errors) {
        try {
            Template.parse(text);
            return true;
        } catch (TemplateException e) {
            errors.add(new FlowError(field + ": " + e.getMessage(), node, field));
            return false;
        }
    }
}
