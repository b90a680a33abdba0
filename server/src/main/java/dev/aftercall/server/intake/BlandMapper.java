package dev.aftercall.server.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;

/**
 * Bland posts the whole call object to the call's {@code webhook} once the call is over. Calls that also ask for
 * {@code webhook_events} get live event messages on the same URL ({@code {"call_id", "category", "message", ...}}):
 * those carry no call outcome and are ignored, as is anything without a call id or a sign of a finished call.
 */
final class BlandMapper implements PlatformMapper {
    static final String CALL_COMPLETED = "call_completed";
    /** Seed 000's hang-up reason for a voicemail: its "connected" checks compare against it. */
    static final String VOICEMAIL_DETECTED = "VOICEMAIL_DETECTED";
    private static final String ANALYSIS = "from Bland's post-call analysis (analysis)";

    @Override
    public PlatformEvent map(JsonNode body) {
        if (!isFinishedCall(body)) {
            String category = CallBuilder.text(body.get("category"));
            return PlatformEvent.ignored(category != null ? category : "event");
        }
        boolean inbound = body.path("inbound").asBoolean(false);
        boolean voicemail = "voicemail".equalsIgnoreCase(body.path("answered_by").asText());
        Double minutes = CallBuilder.number(body.get("call_length"));
        Double seconds = minutes == null ? null : minutes * 60;
        CallBuilder out = new CallBuilder(Platform.BLAND, CALL_COMPLETED)
                .callId(body.get("call_id"), "call_id")
                .text("agent", first(body.get("pathway_id"), body.get("persona_id")))
                .text("user_phone_number", inbound ? body.get("from") : body.get("to"))
                .text("agent_phone_number", inbound ? body.get("to") : body.get("from"))
                // A voicemail is not a connected call, whatever its length: duration 0 and seed 000's reason, so
                // every "connected" check (duration > 0, hangup_reason) agrees. The length stays under platform.
                .durationSeconds(voicemail ? Double.valueOf(0) : seconds)
                .text("hangup_reason", voicemail ? VOICEMAIL_DETECTED : CallBuilder.text(body.get("call_ended_by")))
                .text("recordingUrl", body.get("recording_url"))
                .text("summary", body.get("summary"))
                .endedAt(CallBuilder.timestamp(body.get("end_at")));
        for (JsonNode turn : body.path("transcripts")) {
            String speaker = turn.path("user").asText();
            if ("user".equals(speaker)) {
                out.turn("user", turn.get("text"));
            } else if ("assistant".equals(speaker) || "robot".equals(speaker)) {
                out.turn("agent", turn.get("text"));
            }
        }
        if (!out.hasTurns()) {
            out.text("transcript", body.get("concatenated_transcript"));
        }
        out.metadata(body.get("variables")).metadata(body.get("metadata"))
                .postCalls(body.get("analysis"), ANALYSIS)
                .extra("answered_by", body.get("answered_by"))
                .extra("status", body.get("status"))
                .extra("error_message", body.get("error_message"))
                .extra("price", body.get("price"));
        if (voicemail && seconds != null) {
            out.extra("call_length_seconds", DoubleNode.valueOf(seconds));
        }
        return new PlatformEvent(CALL_COMPLETED, out.build(), PlatformEvent.Timing.RUN_NOW);
    }

    /** The post-call object has the call's length, its completion flag or its transcript; live events have none. */
    private static boolean isFinishedCall(JsonNode body) {
        return CallBuilder.text(body.get("call_id")) != null && !body.has("category")
                && (body.has("call_length") || body.has("completed") || body.has("concatenated_transcript"));
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
