package dev.aftercall.engine.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The finished call as templates see it: {@code interaction.*} (CALL_ID, SUMMARY, TRANSCRIPT, DISPOSITION, ...),
 * {@code call_metadata.*} and {@code post_call.*}. Each namespace is a JSON object.
 */
public record CallData(
        ObjectNode interaction,
        @JsonProperty("call_metadata") ObjectNode callMetadata,
        @JsonProperty("post_call") ObjectNode postCall) {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public CallData {
        interaction = interaction == null ? JSON.objectNode() : interaction;
        callMetadata = callMetadata == null ? JSON.objectNode() : callMetadata;
        postCall = postCall == null ? JSON.objectNode() : postCall;
    }

    public static CallData empty() {
        return new CallData(null, null, null);
    }

    /**
     * Maps a posted call (seed 000's field names: {@code call_id} or {@code callSid}, {@code call_duration},
     * {@code hangup_reason}, {@code recordingUrl}, ...) to the {@code interaction.*} names flows use.
     */
    public static CallData fromCall(JsonNode call) {
        ObjectNode interaction = JSON.objectNode();
        copy(call, interaction, "CALL_ID", "call_id", "callSid");
        copy(call, interaction, "SUMMARY", "summary");
        copyTranscript(call, interaction);
        copy(call, interaction, "DISPOSITION", "disposition", "disposition_reason");
        copy(call, interaction, "DURATION", "call_duration");
        copy(call, interaction, "HANGUP_REASON", "hangup_reason");
        copy(call, interaction, "USER_PHONE_NUMBER", "user_phone_number");
        copy(call, interaction, "AGENT_PHONE_NUMBER", "agent_phone_number");
        copy(call, interaction, "RECORDING_URL", "recordingUrl", "recording_url");
        copy(call, interaction, "AGENT_ID", "agent", "agent_id");
        copy(call, interaction, "USER_ID", "userId");
        copy(call, interaction, "MODALITY", "interaction_modality");
        copy(call, interaction, "ENDED_AT", "ended_at");
        JsonNode duration = call.get("call_duration");
        interaction.put("CONNECTED", duration != null && duration.asDouble(0) > 0);
        return new CallData(interaction, objectOrNull(call.get("call_metadata")), objectOrNull(call.get("post_call")));
    }

    /** The roots templates resolve against: the three namespaces plus the run's flow variables. */
    public ObjectNode roots(ObjectNode flowVariables) {
        ObjectNode roots = JSON.objectNode();
        roots.setAll(flowVariables);
        roots.set("interaction", interaction);
        roots.set("call_metadata", callMetadata);
        roots.set("post_call", postCall);
        return roots;
    }

    @JsonIgnore
    public String callId() {
        JsonNode id = interaction.get("CALL_ID");
        return id == null || id.isNull() ? "" : id.asText();
    }

    private static void copy(JsonNode from, ObjectNode to, String name, String... sources) {
        for (String source : sources) {
            JsonNode value = from.get(source);
            if (value != null && !value.isNull()) {
                to.set(name, value.deepCopy());
                return;
            }
        }
    }

    /** A transcript may arrive as text or as turns; templates get text ("role: content" per line). */
    private static void copyTranscript(JsonNode call, ObjectNode interaction) {
        JsonNode transcript = call.get("transcript");
        if (transcript == null || transcript.isNull()) {
            return;
        }
        if (!transcript.isArray()) {
            interaction.set("TRANSCRIPT", transcript.deepCopy());
            return;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode turn : transcript) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(turn.path("role").asText("unknown")).append(": ").append(turn.path("content").asText(""));
        }
        interaction.put("TRANSCRIPT", text.toString());
    }

    private static ObjectNode objectOrNull(JsonNode node) {
        return node instanceof ObjectNode object ? object.deepCopy() : null;
    }
}
