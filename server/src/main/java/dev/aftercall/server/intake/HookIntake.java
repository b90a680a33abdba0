package dev.aftercall.server.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.call.CallDocument;
import dev.aftercall.server.call.CallIntake;
import dev.aftercall.server.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One delivery to {@code /hooks/{platform}/{token}}: resolve the token, check the signature, map the platform's
 * payload, hand an end-of-call event to the calls intake (idempotent on the call id, as {@code POST /api/v1/calls}),
 * and log it. Quick by design: nothing here waits for the pipeline, because platforms give up after about 10 s and
 * retry. The answer may wait for the calls intake's admission control (a job slot, up to
 * {@code aftercall.jobs.intake-wait}); no thread waits with it.
 */
@ApplicationScoped
public class HookIntake {
    private static final Logger LOG = Logger.getLogger(HookIntake.class);

    private final IntakeTokens tokens;
    private final SignatureCheck signatures;
    private final CallIntake calls;
    private final WaitingCalls waiting;
    private final IntakeLog log;
    private final Duration retellAnalysisWait;

    public HookIntake(IntakeTokens tokens, SignatureCheck signatures, CallIntake calls, WaitingCalls waiting,
                      IntakeLog log,
                      @ConfigProperty(name = "aftercall.intake.retell-analysis-wait") Duration retellAnalysisWait) {
        this.tokens = tokens;
        this.signatures = signatures;
        this.calls = calls;
        this.waiting = waiting;
        this.log = log;
        this.retellAnalysisWait = retellAnalysisWait;
    }

    /** The HTTP answer to the platform. */
    public record Answer(int status, ObjectNode body) {
    }

    /** Call on a worker thread (it reads the database); the answer may complete on another one. */
    public CompletionStage<Answer> receive(String platformName, String token, byte[] body,
                                           Map<String, List<String>> headers) {
        Optional<IntakeTokens.Resolved> resolved = Platform.of(platformName)
                .flatMap(platform -> tokens.resolve(platform, token));
        if (resolved.isEmpty()) {
            // Same answer for an unknown platform, an unknown, revoked or other platform's token: nothing to probe.
            return CompletableFuture.completedFuture(new Answer(404, error("not found")));
        }
        IntakeTokens.Resolved hook = resolved.get();
        Verification verification = signatures.verify(hook, body, name -> header(headers, name));
        CompletionStage<Outcome> outcome = verification.accepted() ? handle(hook, body)
                : CompletableFuture.completedFuture(new Outcome(null, null, "rejected", verification.reason(), 401,
                error("signature check failed: " + verification.reason())));
        return outcome.thenApply(done -> {
            log.record(new IntakeLog.Entry(hook, done.event, done.callId, verification, done.outcome, done.detail,
                    done.status), headers, body);
            return new Answer(done.status, done.body);
        });
    }

    /** What became of an accepted delivery, for the answer and the log. */
    private record Outcome(String event, String callId, String outcome, String detail, int status, ObjectNode body) {
    }

    private CompletionStage<Outcome> handle(IntakeTokens.Resolved hook, byte[] raw) {
        PlatformEvent event = null;
        CompletionStage<Outcome> outcome;
        try {
            JsonNode body = parse(raw);
            event = hook.platform().mapper().map(body);
            outcome = switch (event.timing()) {
                case IGNORED -> CompletableFuture.completedFuture(new Outcome(event.event(), null, "ignored",
                        "not an end-of-call event", 200, Json.object().put("status", "ignored").put("event",
                        event.event())));
                case RUN_NOW -> store(hook, event, Instant.now());
                case AWAIT_ANALYSIS -> store(hook, event, Instant.now().plus(retellAnalysisWait));
                case ANALYSIS -> analysis(hook, event);
            };
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        PlatformEvent mapped = event;
        return outcome.exceptionally(error -> failed(hook, mapped, error));
    }

    private Outcome failed(IntakeTokens.Resolved hook, PlatformEvent event, Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof PlatformMapper.UnusablePayload unusable) {
            return invalid(event, 400, unusable.getMessage(), unusable.field());
        }
        if (e instanceof ApiException api) {
            return invalid(event, api.status(), api.getMessage(), api.field());
        }
        if (!(e instanceof RuntimeException)) {
            throw new CompletionException(e);
        }
        LOG.errorf(e, "intake of a %s delivery failed", hook.platform().wireName());
        // 500 makes the platform retry; intake is idempotent, so a retry is safe.
        return new Outcome(event == null ? null : event.event(), event == null ? null : event.callId(),
                "error", "internal error: " + e.getClass().getSimpleName(), 500, error("internal error"));
    }

    private CompletionStage<Outcome> store(IntakeTokens.Resolved hook, PlatformEvent event, Instant runAt) {
        return calls.receive(hook.outletId(), event.call(), runAt).thenApply(received -> {
            String callId = event.callId();
            if (!received.created()) {
                return new Outcome(event.event(), callId, "duplicate", "the call was stored before", 200,
                        answer("duplicate", callId));
            }
            String detail = runAt.isAfter(Instant.now()) ? "queued; runs at " + runAt + " unless its analysis arrives"
                    : "queued";
            return new Outcome(event.event(), callId, "queued", detail, 202, answer("queued", callId));
        });
    }

    /**
     * Retell's {@code call_analyzed}: a new call is stored and runs now; a call still waiting since its
     * {@code call_ended} gets the analysed document and runs now; a call already run keeps its run.
     */
    private CompletionStage<Outcome> analysis(IntakeTokens.Resolved hook, PlatformEvent event) {
        return store(hook, event, Instant.now()).thenApply(stored -> {
            if (!"duplicate".equals(stored.outcome)) {
                return stored;
            }
            String callId = event.callId();
            return switch (waiting.replaceIfWaiting(hook.outletId(), CallDocument.of(event.call()))) {
                case APPLIED -> new Outcome(event.event(), callId, "analysis_applied",
                        "the waiting call now holds the analysis and runs now", 202, answer("queued", callId));
                case TOO_LATE -> new Outcome(event.event(), callId, "duplicate",
                        "the call had already been processed or was stored with its analysis; nothing changed", 200,
                        answer("duplicate", callId));
            };
        });
    }

    private Outcome invalid(PlatformEvent event, int status, String message, String field) {
        ObjectNode body = error(message);
        if (field != null) {
            body.put("field", field);
        }
        return new Outcome(event == null ? null : event.event(), event == null ? null : event.callId(), "invalid",
                message, status, body);
    }

    private static JsonNode parse(byte[] raw) {
        if (raw == null || raw.length == 0) {
            throw ApiException.badRequest("request body is empty: the platform's JSON payload was expected", null);
        }
        try {
            JsonNode body = Json.mapper().readTree(raw);
            if (body == null || !body.isObject()) {
                throw ApiException.badRequest("the payload must be a JSON object", null);
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("malformed JSON", null);
        }
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
                    && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    private static ObjectNode answer(String status, String callId) {
        return Json.object().put("status", status).put("call_id", callId);
    }

    private static ObjectNode error(String message) {
        return Json.object().put("error", message);
    }
}
