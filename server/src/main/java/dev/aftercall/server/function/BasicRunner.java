package dev.aftercall.server.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.auth.AuthProfiles;
import dev.aftercall.engine.condition.Condition;
import dev.aftercall.engine.condition.ConditionEvaluator;
import dev.aftercall.engine.model.ApiRequestNode;
import dev.aftercall.engine.model.Edge;
import dev.aftercall.engine.model.Flow;
import dev.aftercall.engine.model.Node;
import dev.aftercall.engine.model.StartNode;
import dev.aftercall.engine.run.CallData;
import dev.aftercall.engine.run.Checkpointer;
import dev.aftercall.engine.run.FlowRunner;
import dev.aftercall.engine.run.RunEnvironment;
import dev.aftercall.engine.run.RunState;
import dev.aftercall.engine.run.Step;
import dev.aftercall.engine.template.JsonTemplates;
import dev.aftercall.engine.template.PathLookup;
import dev.aftercall.engine.template.Render;
import dev.aftercall.engine.template.Template;
import dev.aftercall.server.authprofile.DbAuthProfiles;
import dev.aftercall.server.job.JobThreads;
import dev.aftercall.server.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a basic function as a one-node flow through the engine's {@link FlowRunner}: the same templating, auth
 * profiles, retries with one {@code Idempotency-Key}, outbound guard and response mapping as a flow's API Request
 * node. Before that, the call type and the variable conditions decide (AND) whether it runs at all; after it, the
 * mapped response fields go into {@code post_call} and one {@code functions_called} entry in seed 000's five
 * fields records the run.
 *
 * <p>{@link #run} blocks until the request is answered: call it from a worker thread.
 */
@ApplicationScoped
public class BasicRunner {
    static final String REQUEST_NODE = "request";
    /** Worst case of the engine's default retry policy (3 attempts, backoff capped at 30 s), plus margin. */
    private static final long RETRY_ALLOWANCE_MS = 2 * 30_000 + 10_000;

    private final FlowRunner runner;
    private final DbAuthProfiles authProfiles;

    public BasicRunner(FlowRunner runner, DbAuthProfiles authProfiles) {
        this.runner = runner;
        this.authProfiles = authProfiles;
    }

    /**
     * @param runKey prefix of the request's {@code Idempotency-Key} ({@code <runKey>:request}): the same for every
     *               attempt of the same function on the same call
     */
    FunctionOutcome run(long outletId, String runKey, String name, BasicConfig config, ObjectNode context) {
        long start = System.nanoTime();
        PathLookup lookup = PathLookup.over(context);
        Optional<String> skip = skipReason(config, context, lookup);
        if (skip.isPresent()) {
            return FunctionOutcome.skipped(context, elapsed(start), skip.get());
        }
        List<String> warnings = new ArrayList<>();
        ObjectNode variables = variables(config, context, lookup, warnings);
        CallData call = CallData.fromCall(context);
        AuthProfiles profiles = config.authProfile() == null ? AuthProfiles.NONE
                : authProfiles.load(outletId, Set.of(config.authProfile()));
        RunState begin = new RunState(runKey, RunState.Status.RUNNING, "start", variables, call, List.of(), null);
        RunState end;
        try {
            CompletableFuture<RunState> request = runner.run(flow(name, config), begin,
                    new RunEnvironment(profiles, Checkpointer.NONE)).toCompletableFuture();
            try (JobThreads.Waiting ignored = JobThreads.waiting()) {
                end = request.get(waitMs(config), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FunctionOutcome.failed(context, elapsed(start), "the run was interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return FunctionOutcome.failed(context, elapsed(start), "the request did not finish: " + e);
        }
        Step step = end.steps().stream().filter(s -> REQUEST_NODE.equals(s.node())).findFirst().orElse(null);
        if (step != null && step.warnings() != null) {
            warnings.addAll(step.warnings());
        }
        boolean success = end.status() == RunState.Status.COMPLETED;
        ObjectNode after = context.deepCopy();
        if (success) {
            ObjectNode postCall = (ObjectNode) after.get("post_call");
            config.responseMapping().keySet().forEach(field -> postCall.set(field, end.variables().get(field)));
        }
        JsonNode parameters = JsonTemplates.render(config.parameters(), PathLookup.over(call.roots(variables)),
                Render.lenient());
        ObjectNode entry = Json.object();
        entry.put("name", name);
        entry.set("parameters", parameters);
        entry.put("success", success);
        if (success) {
            JsonNode body = step == null || step.response() == null ? null : step.response().get("body");
            entry.set("response", body);
        } else {
            entry.put("response", end.error());
        }
        entry.put("timestamp", Instant.now().toString());
        ((com.fasterxml.jackson.databind.node.ArrayNode) after.get("functions_called")).add(entry);
        List<JsonNode> requests = step == null || step.request() == null ? List.of() : List.of(request(step));
        return new FunctionOutcome(success ? FunctionOutcome.SUCCEEDED : FunctionOutcome.FAILED, after, List.of(),
                requests, warnings, elapsed(start), success ? null : end.error());
    }

    /** Seed 000 "Conditional Execution": the call type filter and every variable condition must match. */
    static Optional<String> skipReason(BasicConfig config, ObjectNode context, PathLookup lookup) {
        boolean connected = context.path("call_duration").asDouble(0) > 0;
        if ("connected".equals(config.callType()) && !connected) {
            return Optional.of("not run: the function runs for connected calls only and this call was not connected");
        }
        if ("not_connected".equals(config.callType()) && connected) {
            return Optional.of("not run: the function runs for calls that did not connect and this call connected");
        }
        for (int i = 0; i < config.conditions().size(); i++) {
            Condition condition = config.conditions().get(i);
            if (!ConditionEvaluator.test(condition, lookup, Render.lenient())) {
                return Optional.of("not run: condition.all[" + i + "] (" + describe(condition) + ") did not match");
            }
        }
        return Optional.empty();
    }

    /**
     * The run's flow variables: the context's call fields (so {@code {{call_duration}}} works unmapped) and each
     * mapped variable with its source's value, JSON type kept.
     */
    private static ObjectNode variables(BasicConfig config, ObjectNode context, PathLookup lookup,
                                        List<String> warnings) {
        ObjectNode variables = Json.object();
        context.properties().forEach(field -> {
            if (!field.getKey().equals("call_metadata") && !field.getKey().equals("post_call")) {
                variables.set(field.getKey(), field.getValue());
            }
        });
        config.variables().forEach((name, path) -> {
            Optional<JsonNode> value = lookup.find(path);
            if (value.isPresent()) {
                variables.set(name, value.get());
            } else {
                warnings.add("variable '" + name + "': " + path + " has no value in this call");
            }
        });
        return variables;
    }

    private static Flow flow(String name, BasicConfig config) {
        boolean query = "GET".equals(config.method()) || "DELETE".equals(config.method());
        Map<String, String> queryTemplates = new LinkedHashMap<>();
        if (query) {
            config.parameters().properties().forEach(p -> queryTemplates.put(p.getKey(),
                    p.getValue().isTextual() ? p.getValue().textValue() : Template.stringify(p.getValue())));
        }
        ApiRequestNode request = new ApiRequestNode(REQUEST_NODE, config.method(), config.apiUrl(), queryTemplates,
                config.headers(), query ? null : config.parameters(), config.authProfile(), config.timeoutMs(), null,
                config.responseMapping(), null);
        List<Node> nodes = List.of(new StartNode("start"), request);
        return new Flow(name, null, nodes, List.of(new Edge("start", null, REQUEST_NODE)), null);
    }

    /** The request in the same shape as an advanced function's axios requests. */
    private static JsonNode request(Step step) {
        JsonNode request = step.request();
        JsonNode response = step.response();
        ObjectNode out = Json.object();
        out.put("method", request.path("method").asText());
        out.put("url", request.path("url").asText());
        out.set("request_headers", request.get("headers"));
        JsonNode body = request.get("body");
        out.put("request_body", body == null ? null : body.isTextual() ? body.textValue() : body.toString());
        out.set("status", response == null ? null : response.get("status"));
        out.set("response_headers", response == null ? null : response.get("headers"));
        JsonNode responseBody = response == null ? null : response.get("body");
        out.put("response_body", responseBody == null || responseBody.isNull() ? null
                : responseBody.isTextual() ? responseBody.textValue() : responseBody.toString());
        out.put("duration_ms", step.durationMs());
        out.put("attempts", step.attempts());
        out.put("error", step.error());
        return out;
    }

    private static String describe(Condition condition) {
        return condition.left() + " " + condition.operator() + (condition.right() == null ? "" : " " + condition.right());
    }

    private static long waitMs(BasicConfig config) {
        long timeout = config.timeoutMs() == null ? ApiRequestNode.DEFAULT_TIMEOUT_MS : config.timeoutMs();
        return 3 * timeout + RETRY_ALLOWANCE_MS;
    }

    private static long elapsed(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
