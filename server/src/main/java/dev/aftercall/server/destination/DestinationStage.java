package dev.aftercall.server.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.template.JsonTemplates;
import dev.aftercall.engine.template.Render;
import dev.aftercall.engine.template.Template;
import dev.aftercall.server.call.CallResults;
import dev.aftercall.server.delivery.Deliveries;
import dev.aftercall.server.delivery.DeliveryRequest;
import dev.aftercall.server.destination.DestinationStore.Destination;
import dev.aftercall.server.extraction.VariableStore;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.pipeline.Blocking;
import dev.aftercall.server.pipeline.CallWork;
import dev.aftercall.server.pipeline.PipelineStage;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Last stage: each destination that one of the call's variables is connected to gets one request, its URL,
 * headers and body rendered with the call's variables and seed 004's standard fields. The request is handed to
 * the {@link Deliveries}, which send it durably; the key {@code <call id>:destination:<id>} keeps a stage run again
 * after a crash from sending twice. What was handed over is saved on the call under {@code destinations}.
 */
@ApplicationScoped
public class DestinationStage implements PipelineStage {
    public static final int ORDER = 500;
    public static final String RESULTS_KEY = "destinations";

    private final VariableStore variables;
    private final DestinationStore destinations;
    private final CallResults results;
    private final Deliveries deliveries;

    public DestinationStage(VariableStore variables, DestinationStore destinations, CallResults results,
                            Deliveries deliveries) {
        this.variables = variables;
        this.destinations = destinations;
        this.results = results;
        this.deliveries = deliveries;
    }

    @Override
    public String name() {
        return "destinations";
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public CompletionStage<Void> run(CallWork work) {
        return Blocking.run(() -> deliver(work));
    }

    /** No variable of the call's agent names a destination (from the variables' cache). */
    @Override
    public boolean idle(CallWork work) {
        return destinationIds(work).isEmpty();
    }

    void deliver(CallWork work) {
        List<Destination> targets = destinations.find(work.outletId(), destinationIds(work));
        if (targets.isEmpty()) {
            return;
        }
        ObjectNode call = results.currentCall(work.callPk(), work.call());
        PlaceholderValues values = PlaceholderValues.of(call, work.outletId());
        Map<Long, ObjectNode> records = new LinkedHashMap<>();
        for (Destination target : targets) {
            records.put(target.id(), handOver(work, target, values));
        }
        results.update(work, saved -> {
            ArrayNode list = saved.putArray(RESULTS_KEY);
            records.values().forEach(list::add);
        });
    }

    private Set<Long> destinationIds(CallWork work) {
        Set<Long> ids = new LinkedHashSet<>();
        for (VariableStore.CallVariable variable : variables.forCall(work.outletId(), work.agent())) {
            ids.addAll(variable.destinations());
        }
        return ids;
    }

    private ObjectNode handOver(CallWork work, Destination target, PlaceholderValues values) {
        ObjectNode record = Json.object();
        record.put("destination_id", target.id());
        record.put("destination_name", target.name());
        Render render = Render.lenient();
        DeliveryRequest request;
        try {
            request = render(work, target, values, render);
        } catch (RuntimeException e) {
            // A template that no longer renders is the operator's to fix; the other destinations still go out.
            record.put("status", "failed");
            record.put("reason", "cannot render the request: " + e.getMessage());
            return record;
        }
        if (!render.missingVariables().isEmpty()) {
            render.missingVariables().forEach(record.putArray("missing_variables")::add);
        }
        long deliveryId = deliveries.enqueue(work.callPk(), work.outletId(), request);
        record.put("status", "queued");
        record.put("delivery_id", deliveryId);
        record.put("idempotency_key", request.idempotencyKey());
        return record;
    }

    /** The destination's request for this call, placeholders replaced. */
    static DeliveryRequest render(CallWork work, Destination target, PlaceholderValues values, Render render) {
        String url = Template.cached(target.url()).renderUrl(values, render);
        Map<String, String> headers = new LinkedHashMap<>();
        target.headers().forEach((name, value) -> headers.put(name,
                Template.cached(value).renderText(values, render)));
        String body = null;
        JsonNode template = target.body();
        if (template != null && !"GET".equals(target.method())) {
            if (template.isTextual()) {
                body = Template.cached(template.textValue()).renderText(values, render);
            } else {
                body = JsonTemplates.render(template, values, render).toString();
                if (headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
                    headers.put("Content-Type", "application/json");
                }
            }
        }
        return new DeliveryRequest("destination", "destination " + target.id() + " (" + target.name() + ")",
                work.callId() + ":destination:" + target.id(), target.method(), url, headers, body);
    }
}
