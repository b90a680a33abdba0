package dev.aftercall.server.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.json.Json;
import java.util.List;
import java.util.Objects;

/**
 * The {@code context} object of seed 000 ("Context Object"), built from a stored call or completed from a sample,
 * and the difference between two of them.
 */
final class FunctionContext {
    /** Fields a function may change (seed 000 "Mutable Fields"); the same as CallResults.CALL_STATE. */
    static final List<String> MUTABLE = List.of("post_call", "post_call_detail", "functions_called",
            "conversion_status", "disposition_reason", "next_call_scheduled");
    /** Fields a function reads but never changes (seed 000 "Read-Only Fields", plus the agent's name). */
    static final List<String> READ_ONLY = List.of("call_metadata", "call_duration", "hangup_reason",
            "user_phone_number", "agent_phone_number", "callSid", "recordingUrl", "agent", "userId", "name");

    private FunctionContext() {
    }

    static boolean isField(String name) {
        return MUTABLE.contains(name) || READ_ONLY.contains(name);
    }

    /**
     * The context of a call as processing left it so far (the posted document with the call state overlaid):
     * exactly the seed's fields, posted aliases ({@code call_id}, {@code recording_url}, {@code agent_id},
     * {@code agent_name}) mapped to the seed's names.
     */
    static ObjectNode ofCall(JsonNode call) {
        ObjectNode context = Json.object();
        context.set("call_metadata", objectOr(call.get("call_metadata")));
        context.set("post_call", objectOr(call.get("post_call")));
        context.set("post_call_detail", objectOr(call.get("post_call_detail")));
        context.set("functions_called", arrayOr(call.get("functions_called")));
        copy(call, context, "conversion_status", "conversion_status");
        copy(call, context, "disposition_reason", "disposition_reason");
        copy(call, context, "next_call_scheduled", "next_call_scheduled");
        copy(call, context, "call_duration", "call_duration", "duration");
        copy(call, context, "hangup_reason", "hangup_reason");
        copy(call, context, "user_phone_number", "user_phone_number");
        copy(call, context, "agent_phone_number", "agent_phone_number");
        copy(call, context, "callSid", "callSid", "call_sid", "call_id");
        copy(call, context, "recordingUrl", "recordingUrl", "recording_url");
        copy(call, context, "agent", "agent", "agent_id");
        copy(call, context, "userId", "userId", "user_id");
        copy(call, context, "name", "name", "agent_name");
        return context;
    }

    /** A sample context as sent to the test endpoints, with the seed's objects and array present. */
    static ObjectNode ofSample(JsonNode sample) {
        if (sample != null && !sample.isNull() && !sample.isObject()) {
            throw new IllegalArgumentException("context must be an object with seed 000's fields");
        }
        ObjectNode context = sample == null || sample.isNull() ? Json.object() : ((ObjectNode) sample).deepCopy();
        for (String field : List.of("call_metadata", "post_call", "post_call_detail")) {
            context.set(field, objectOr(context.get(field)));
        }
        context.set("functions_called", arrayOr(context.get("functions_called")));
        return context;
    }

    /**
     * What a run changed, per field ({@code post_call.ndoa}, {@code conversion_status}, ...), as
     * {@code {"before": ..., "after": ...}}; an absent side is null. {@code functions_called} is left out: its new
     * entries are answered separately.
     */
    static ObjectNode changes(ObjectNode before, ObjectNode after) {
        ObjectNode changes = Json.object();
        for (String field : MUTABLE) {
            if (field.equals("functions_called")) {
                continue;
            }
            JsonNode was = before.get(field);
            JsonNode now = after.get(field);
            if (was != null && now != null && was.isObject() && now.isObject()) {
                List<String> keys = new java.util.ArrayList<>();
                was.fieldNames().forEachRemaining(keys::add);
                now.fieldNames().forEachRemaining(k -> {
                    if (!keys.contains(k)) {
                        keys.add(k);
                    }
                });
                for (String key : keys) {
                    change(changes, field + "." + key, was.get(key), now.get(key));
                }
            } else {
                change(changes, field, was, now);
            }
        }
        return changes;
    }

    /** The entries {@code after} added to {@code before}'s functions_called. */
    static ArrayNode newEntries(ObjectNode before, ObjectNode after) {
        ArrayNode added = Json.mapper().createArrayNode();
        JsonNode all = after.path("functions_called");
        int from = before.path("functions_called").size();
        for (int i = from; i < all.size(); i++) {
            added.add(all.get(i));
        }
        return added;
    }

    private static void change(ObjectNode changes, String path, JsonNode was, JsonNode now) {
        if (!Objects.equals(was, now)) {
            ObjectNode change = changes.putObject(path);
            change.set("before", was == null ? null : was.deepCopy());
            change.set("after", now == null ? null : now.deepCopy());
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String name, String... sources) {
        for (String source : sources) {
            JsonNode value = from.get(source);
            if (value != null && !value.isNull()) {
                to.set(name, value.deepCopy());
                return;
            }
        }
        to.putNull(name);
    }

    private static ObjectNode objectOr(JsonNode value) {
        return value instanceof ObjectNode object ? object.deepCopy() : Json.object();
    }

    private static ArrayNode arrayOr(JsonNode value) {
        return value instanceof ArrayNode array ? array.deepCopy() : Json.mapper().createArrayNode();
    }
}
