package dev.aftercall.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.auth.AuthProfile;
import dev.aftercall.engine.auth.AuthProfiles;
import dev.aftercall.engine.http.HttpPort;
import dev.aftercall.engine.http.OutboundBlockedException;
import dev.aftercall.engine.http.OutboundResponse;
import dev.aftercall.engine.model.ApiRequestNode;
import dev.aftercall.engine.run.Delayer;
import dev.aftercall.engine.run.NodeExecutor;
import dev.aftercall.engine.run.NodeOutcome;
import dev.aftercall.engine.run.RunContext;
import dev.aftercall.engine.template.MissingVariableException;
import dev.aftercall.engine.template.Render;
import dev.aftercall.engine.template.VariableLookup;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Sends an API Request node's request, retrying connect errors, timeouts, 408, 429 and 5xx per the node's retry
 * policy with the same {@code Idempotency-Key}, and maps the response into flow variables. A 2xx takes the
 * {@code ok} port; anything else after the last attempt takes {@code error} (the walker fails the run when
 * {@code error} is not connected).
 */
public final class ApiRequestExecutor implements NodeExecutor<ApiRequestNode> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpPort http;
    private final Delayer delayer;
    private final Clock clock;

    public ApiRequestExecutor(HttpPort http, Delayer delayer, Clock clock) {
        this.http = http;
        this.delayer = delayer;
        this.clock = clock;
    }

    @Override
    public CompletionStage<NodeOutcome> execute(ApiRequestNode node, RunContext context) {
        return exchange(node, context.variables(), context.authProfiles(), context.idempotencyKey(),
                node.retry().maxAttempts())
                .thenApply(exchange -> exchange.outcome(node));
    }

    /** One rendered request, sent up to {@code maxAttempts} times; never completes exceptionally. */
    CompletionStage<Exchange> exchange(ApiRequestNode node, VariableLookup vars, AuthProfiles profiles,
                                       String idempotencyKey, int maxAttempts) {
        Render render = node.isStrict() ? Render.strict() : Render.lenient();
        AuthProfile profile = null;
        if (node.authProfile() != null && !node.authProfile().isBlank()) {
            Optional<AuthProfile> found = profiles.find(node.authProfile());
            if (found.isEmpty()) {
                return done(Exchange.failure(render, null, "auth profile '" + node.authProfile() + "' not found"));
            }
            profile = found.get();
        }
        AuthProfile chosen = profile;
        return Credentials.of(chosen, http, clock).handle((credentials, error) -> {
            if (error != null) {
                return done(Exchange.failure(render, null, "authentication failed: " + rootMessage(error)));
            }
            PreparedRequest prepared;
            try {
                prepared = PreparedRequest.render(node, vars, render, chosen, credentials, idempotencyKey);
                render.throwIfStrictAndMissing();
            } catch (MissingVariableException e) {
                return done(Exchange.failure(render, null, e.getMessage()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                return done(Exchange.failure(render, null, "invalid URL: " + e.getMessage()));
            }
            return attempt(node, prepared, render, 1, maxAttempts);
        }).thenCompose(exchange -> exchange);
    }

    private CompletionStage<Exchange> attempt(ApiRequestNode node, PreparedRequest prepared, Render render,
                                              int attempt, int maxAttempts) {
        long started = System.nanoTime();
        CompletionStage<OutboundResponse> sent;
        try {
            sent = http.send(prepared.request);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((response, error) -> {
            long millis = (System.nanoTime() - started) / 1_000_000;
            boolean ok = error == null && response.status() / 100 == 2;
            boolean blocked = error != null && root(error) instanceof OutboundBlockedException;
            if (!ok && !blocked && attempt < maxAttempts && Retries.retryable(error == null ? response : null)) {
                long delay = Retries.delayMillis(node.retry(), attempt + 1, response, clock);
                render.warn("attempt " + attempt + " failed (" + describe(response, error)
                        + "), retrying in " + delay + " ms");
                return delayer.after(delay).thenCompose(v -> attempt(node, prepared, render, attempt + 1, maxAttempts));
            }
            return done(new Exchange(prepared, response, error == null ? null : describe(null, error),
                    attempt, millis, render));
        }).thenCompose(next -> next);
    }

    private static String describe(OutboundResponse response, Throwable error) {
        return error == null ? "HTTP " + response.status() : rootMessage(error);
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** "ConnectException: ..." for the failure itself, looking through the future's wrapping. */
    static String rootMessage(Throwable e) {
        Throwable t = root(e);
        String message = t.getMessage();
        if (message == null && t.getCause() != null) {
            Throwable cause = t.getCause();
            message = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return message == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + message;
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    /** The result of sending one node's request: the last response or transport error, and the trace. */
    static final class Exchange {
        final PreparedRequest prepared;
        final OutboundResponse response;
        final String transportError;
        final int attempts;
        final long lastAttemptMillis;
        final Render render;

        Exchange(PreparedRequest prepared, OutboundResponse response, String transportError, int attempts,
                 long lastAttemptMillis, Render render) {
            this.prepared = prepared;
            this.response = response;
            this.transportError = transportError;
            this.attempts = attempts;
            this.lastAttemptMillis = lastAttemptMillis;
            this.render = render;
        }

        static Exchange failure(Render render, PreparedRequest prepared, String reason) {
            return new Exchange(prepared, null, reason, 0, 0, render);
        }

        boolean succeeded() {
            return response != null && response.status() / 100 == 2;
        }

        JsonNode body() {
            return response == null ? null : Bodies.parse(response.body(), MAPPER);
        }

        String error() {
            if (transportError != null) {
                return transportError;
            }
            return succeeded() ? null : "HTTP " + response.status() + " after " + attempts + " attempt(s)";
        }

        ObjectNode tracedResponse(JsonNode body) {
            if (response == null) {
                return null;
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("status", response.status());
            ObjectNode headers = out.putObject("headers");
            response.headers().forEach(h -> headers.put(h.getKey(), prepared.redactor.header(h.getKey(), h.getValue())));
            out.set("body", prepared.redactor.json(Bodies.forTrace(body, response.body())));
            out.put("size_bytes", response.body().length);
            out.put("duration_ms", lastAttemptMillis);
            return out;
        }

        NodeOutcome outcome(ApiRequestNode node) {
            List<String> warnings = new ArrayList<>(render.warnings());
            JsonNode body = body();
            ObjectNode updates = succeeded() ? ResponseMapping.apply(node.responseMapping(), body, warnings) : null;
            NodeOutcome.Trace trace = new NodeOutcome.Trace(prepared == null ? null : prepared.traced(),
                    tracedResponse(body), attempts == 0 ? null : attempts, warnings, error());
            return new NodeOutcome.Next(succeeded() ? ApiRequestNode.OK : ApiRequestNode.ERROR, updates, trace);
        }
    }
}
