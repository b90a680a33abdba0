package dev.aftercall.server.intake;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;

/**
 * Vapi's server messages {@code {"message": {"type": ..., ...}}}. Only {@code end-of-call-report} (sent once, after
 * Vapi's own post-call analysis) becomes a call; status updates, transcripts, tool calls and the rest are ignored.
 * Older reports carried {@code transcript}, {@code recordingUrl} and {@code summary} on the message itself, newer
 * ones under {@code artifact} and {@code analysis}: both are read.
 */
final class VapiMapper implements PlatformMapper {
    static final String END_OF_CALL_REPORT = "end-of-call-report";
    private static final String ANALYSIS = "from Vapi's post-call analysis (analysis.structuredData)";

    @Override
    public PlatformEvent map(JsonNode body) {
        JsonNode message = body.path("message");
        String type = CallBuilder.text(message.get("type"));
        if (!END_OF_CALL_REPORT.equals(type)) {
            return PlatformEvent.ignored(type);
        }
        JsonNode call = message.path("call");
        JsonNode artifact = message.path("artifact");
        JsonNode analysis = message.path("analysis");
        CallBuilder out = new CallBuilder(Platform.VAPI, type)
                .callId(call.get("id"), "message.call.id")
                .text("agent", first(call.get("assistantId"), message.path("assistant").get("id")))
                .text("user_phone_number", first(call.path("customer").get("number"),
                        message.path("customer").get("number")))
                .text("agent_phone_number", first(message.path("phoneNumber").get("number"),
                        call.path("phoneNumber").get("number")))
                .text("hangup_reason", first(message.get("endedReason"), call.get("endedReason")))
                .durationSeconds(duration(message, call))
                .endedAt(CallBuilder.timestamp(first(message.get("endedAt"), call.get("endedAt"))))
                .text("recordingUrl", first(artifact.get("recordingUrl"), message.get("recordingUrl")))
                .text("summary", first(analysis.get("summary"), message.get("summary")));
        for (JsonNode turn : artifact.has("messages") ? artifact.get("messages") : message.path("messages")) {
            String role = turn.path("role").asText();
            if ("bot".equals(role) || "assistant".equals(role)) {
                out.turn("agent", turn.get("message"));
            } else if ("user".equals(role)) {
                out.turn("user", turn.get("message"));
            }
        }
        if (!out.hasTurns()) {
            out.text("transcript", first(artifact.get("transcript"), message.get("transcript")));
        }
        out.metadata(call.path("assistantOverrides").get("variableValues")).metadata(call.get("metadata"))
                .postCalls(analysis.get("structuredData"), ANALYSIS)
                .postCall("success_evaluation", analysis.get("successEvaluation"),
                        "from Vapi's success evaluation (analysis.successEvaluation)")
                .extra("call_type", call.get("type"))
                .extra("cost", first(message.get("cost"), call.get("cost")));
        return new PlatformEvent(type, out.build(), PlatformEvent.Timing.RUN_NOW);
    }

    private static Double duration(JsonNode message, JsonNode call) {
        Double seconds = CallBuilder.number(message.get("durationSeconds"));
        if (seconds != null) {
            return seconds;
        }
        Instant started = CallBuilder.timestamp(first(message.get("startedAt"), call.get("startedAt")));
        Instant ended = CallBuilder.timestamp(first(message.get("endedAt"), call.get("endedAt")));
        if (started == null || ended == null || ended.isBefore(started)) {
            return null;
        }
        return Duration.between(started, ended).toMillis() / 1000.0;
    }

    private static JsonNode first(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            if (CallBuilder.text(candidate) != null) {
                return candidate;
            }
        }
        return null;
    }
}
