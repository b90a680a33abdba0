package dev.aftercall.server.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.auth.OutletEntity;
import dev.aftercall.server.call.CallResults;
import dev.aftercall.server.delivery.Deliveries;
import dev.aftercall.server.delivery.DeliveryRequest;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.pipeline.Blocking;
import dev.aftercall.server.pipeline.CallWork;
import dev.aftercall.server.pipeline.PipelineStage;
import dev.aftercall.server.schedule.FollowUpTime;
import dev.aftercall.server.schedule.ScheduledCallEntity;
import dev.aftercall.server.schedule.ScheduledCalls;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Runs the agent's post-call actions (seed 003) once extraction, functions and flows are done: each action's
 * condition is tested on the call as they left it; a {@code webhook} hands the extraction result to
 * {@link Deliveries}, a {@code schedule_call} books a follow-up ({@link ScheduledCalls}) and sets
 * {@code next_call_scheduled}. Every decision (ran or skipped, and why) is saved under {@code actions} in the
 * call's results. Safe to run again: decided actions are skipped, and deliveries and bookings are idempotent.
 */
@ApplicationScoped
public class ActionStage implements PipelineStage {
    public static final int ORDER = 400;

    private final AgentActions actions;
    private final CallResults results;
    private final Deliveries deliveries;
    private final ScheduledCalls scheduledCalls;

    public ActionStage(AgentActions actions, CallResults results, Deliveries deliveries,
                       ScheduledCalls scheduledCalls) {
        this.actions = actions;
        this.results = results;
        this.deliveries = deliveries;
        this.scheduledCalls = scheduledCalls;
    }

    @Override
    public String name() {
        return "actions";
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public CompletionStage<Void> run(CallWork work) {
        return Blocking.run(() -> runActions(work));
    }

    /** The call's agent has no actions (from the actions' cache). */
    @Override
    public boolean idle(CallWork work) {
        return !actions.any(work.outletId(), work.agent());
    }

    private void runActions(CallWork work) {
        ArrayNode configured = actions.forCall(work.outletId(), work.agent());
        if (configured.isEmpty()) {
            return;
        }
        ObjectNode call = results.currentCall(work.callPk(), work.call());
        Set<String> decided = new HashSet<>();
        results.read(work.callPk()).path("actions").forEach(d -> decided.add(d.path("name").asText()));
        for (JsonNode action : configured) {
            String name = action.path("name").asText();
            if (decided.contains(name)) {
                continue;
            }
            ObjectNode decision = decide(work, call, action);
            boolean scheduled = decision.has("scheduled_call_id");
            results.update(work, saved -> {
                ArrayNode log = saved.has("actions") && saved.get("actions").isArray()
                        ? (ArrayNode) saved.get("actions") : saved.putArray("actions");
                log.add(decision);
                if (scheduled) {
                    saved.put("next_call_scheduled", true);
                }
            });
        }
    }

    private ObjectNode decide(CallWork work, ObjectNode call, JsonNode action) {
        String name = action.path("name").asText();
        String type = action.path("type").asText();
        ObjectNode decision = Json.object();
        decision.put("name", name);
        decision.put("type", type);
        ActionCondition.Verdict verdict = ActionCondition.test(action.get("condition"), call);
        decision.put("decision", verdict.runs() ? "ran" : "skipped");
        decision.put("reason", verdict.reason());
        decision.put("decided_at", Instant.now().toString());
        if (!verdict.runs()) {
            return decision;
        }
        ObjectNode config = ActionRules.configOf(action);
        if (ActionRules.WEBHOOK.equals(type)) {
            decision.put("delivery_id", deliveries.enqueue(work.callPk(), work.outletId(), webhook(work, call, name, config)));
        } else if (ActionRules.SCHEDULE_CALL.equals(type)) {
            ScheduledCallEntity booked = scheduledCalls.book(booking(work, call, name, config));
            decision.put("scheduled_call_id", booked.pk);
            decision.put("due_at", booked.dueAt.toString());
            decision.put("time_source", booked.timeSource);
        }
        return decision;
    }

    private static DeliveryRequest webhook(CallWork work, ObjectNode call, String name, ObjectNode config) {
        ObjectNode body = Json.object();
        body.put("event", "post_call_action");
        body.put("action", name);
        body.put("call_id", work.callId());
        body.put("agent", work.agent());
        body.put("outlet_id", work.outletId());
        body.set("outcome", outcome(call));
        body.set("extraction", call.path("post_call").isObject() ? call.get("post_call") : Json.object());
        body.set("ended_at", call.get("ended_at"));
        Map<String, String> headers = new LinkedHashMap<>();
        config.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        String method = config.path("method").asText("POST").toUpperCase();
        return new DeliveryRequest("webhook", name, work.callId() + ":action:" + name, method,
                config.path("url").asText(), headers, body.toString());
    }

    /** The call's outcome as the platform or processing named it. */
    private static JsonNode outcome(ObjectNode call) {
        for (JsonNode candidate : new JsonNode[] {call.path("post_call").get("call_outcome"),
                call.get("disposition_reason"), call.get("disposition"), call.get("call_outcome")}) {
            if (candidate != null && !candidate.isNull()) {
                return candidate;
            }
        }
        return Json.mapper().nullNode();
    }

    private static ScheduledCalls.Booking booking(CallWork work, ObjectNode call, String name, ObjectNode config) {
        String useField = textOrNull(config.get("use_field"));
        long fallback = config.path("fallback_delay_minutes").asLong(ActionRules.DEFAULT_FALLBACK_MINUTES);
        ZoneId zone = QuarkusTransaction.joiningExisting().call(() -> {
            OutletEntity outlet = OutletEntity.findById(work.outletId());
            try {
                return ZoneId.of(outlet == null || outlet.timeZone == null ? "UTC" : outlet.timeZone);
            } catch (java.time.DateTimeException e) {
                return ZoneId.of("UTC");
            }
        });
        JsonNode value = useField == null ? null : ActionCondition.lookup(call, useField);
        FollowUpTime.Due due = FollowUpTime.of(useField, value, fallback, zone, Instant.now());
        String to = textOrNull(config.get("to_number"));
        if (to == null && textOrNull(config.get("to_field")) != null) {
            to = textOrNull(ActionCondition.lookup(call, config.get("to_field").asText()));
        }
        if (to == null) {
            to = textOrNull(call.get("user_phone_number"));
        }
        String from = textOrNull(config.get("from_number"));
        if (from == null) {
            from = textOrNull(call.get("agent_phone_number"));
        }
        return new ScheduledCalls.Booking(work.callPk(), work.outletId(), work.agent(), name, to, from, due);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isBlank() ? null : node.asText();
    }
}
