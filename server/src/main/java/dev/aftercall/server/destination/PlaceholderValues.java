package dev.aftercall.server.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.extract.Transcript;
import dev.aftercall.engine.template.VariableLookup;

import java.time.Instant;
import java.util.Optional;

/**
 * What a destination's {@code {{placeholders}}} resolve to: the call's variables ({@code post_call} as extraction,
 * functions and flows left it), then seed 004's standard fields ({@code guest_name}, {@code email_id},
 * {@code phone_number}, {@code brand_id}, {@code outlet_id}, {@code timestamp}, {@code call_id},
 * {@code call_outcome}, {@code source}, {@code transcript}, {@code interaction_modality}), then dotted paths into
 * the call ({@code call_metadata.lead_id}). A variable that is null gives way to a standard field that has a value.
 */
public final class PlaceholderValues implements VariableLookup {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectNode call;
    private final ObjectNode postCall;
    private final ObjectNode standard;

    private PlaceholderValues(ObjectNode call, ObjectNode standard) {
        this.call = call;
        this.postCall = call.get("post_call") instanceof ObjectNode object ? object : JSON.objectNode();
        this.standard = standard;
    }

    /** @param call the call as it stands now ({@code CallResults.currentCall}) */
    public static PlaceholderValues of(ObjectNode call, long outletId) {
        return new PlaceholderValues(call, standardFields(call, outletId));
    }

    /** Seed 004's standard fields of this call. */
    public ObjectNode standard() {
        return standard;
    }

    @Override
    public Optional<JsonNode> find(String name) {
        JsonNode variable = postCall.get(name);
        JsonNode fixed = standard.get(name);
        if (variable != null && (!variable.isNull() || fixed == null || fixed.isNull())) {
            return Optional.of(variable);
        }
        if (fixed != null) {
            return Optional.of(fixed);
        }
        JsonNode node = call;
        for (String part : name.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return Optional.ofNullable(node);
    }

    private static ObjectNode standardFields(ObjectNode call, long outletId) {
        ObjectNode postCall = call.get("post_call") instanceof ObjectNode object ? object : JSON.objectNode();
        JsonNode metadata = call.path("call_metadata");
        ObjectNode fields = JSON.objectNode();
        fields.set("guest_name", first(postCall.get("guest_name"), postCall.get("customer_name"),
                postCall.get("name"), metadata.get("guest_name"), metadata.get("name"), metadata.get("customer_name")));
        fields.set("email_id", first(postCall.get("email_id"), postCall.get("email"), metadata.get("email_id"),
                metadata.get("email")));
        fields.set("phone_number", first(postCall.get("phone_number"), call.get("user_phone_number"),
                metadata.get("phone_number")));
        fields.set("brand_id", first(metadata.get("brand_id"), call.get("brand_id")));
        fields.put("outlet_id", outletId);
        fields.set("timestamp", first(call.get("ended_at"), JSON.textNode(Instant.now().toString())));
        fields.set("call_id", call.get("call_id"));
        fields.set("call_outcome", first(call.get("disposition_reason"), call.get("disposition"),
                postCall.get("call_outcome"), call.get("call_outcome")));
        fields.set("source", first(metadata.get("source"), call.get("source"), postCall.get("source")));
        Transcript transcript = Transcript.of(call.get("transcript"));
        fields.set("transcript", transcript.isEmpty() ? JSON.nullNode() : JSON.textNode(transcript.text()));
        fields.set("interaction_modality", first(call.get("interaction_modality"), JSON.textNode("voice")));
        return fields;
    }

    private static JsonNode first(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            if (candidate != null && !candidate.isNull() && !(candidate.isTextual() && candidate.asText().isBlank())) {
                return candidate;
            }
        }
        return JSON.nullNode();
    }
}
