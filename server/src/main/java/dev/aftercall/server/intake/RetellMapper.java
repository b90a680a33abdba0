package dev.aftercall.server.intake;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Retell's webhook {@code {"event": ..., "call": {...}}}. {@code call_ended} carries every field of the call but the
 * analysis; {@code call_analyzed}, sent some seconds later, carries the same call with {@code call_analysis}. Every
 * other event ({@code call_started}, {@code transcript_updated}, transfers, chat events) is ignored.
 */
final class RetellMapper implements PlatformMapper {
    static final String CALL_ENDED = "call_ended";
    static final String CALL_ANALYZED = "call_analyzed";
    private static final String ANALYSIS = "from Retell's post-call analysis (custom_analysis_data)";

    @Override
    public PlatformEvent map(JsonNode body) {
        // Retell's docs show "event"; one page shows "event_type". Read either.
        String event = CallBuilder.text(body.has("event") ? body.get("event") : body.get("event_type"));
        if (!CALL_ENDED.equals(event) && !CALL_ANALYZED.equals(event)) {
            return PlatformEvent.ignored(event);
        }
        JsonNode call = body.path("call");
        CallBuilder out = new CallBuilder(Platform.RETELL, event)
                .callId(call.get("call_id"), "call.call_id")
                .text("agent", call.get("agent_id"));
        numbers(call, out);
        out.durationSeconds(duration(call))
                .text("hangup_reason", call.get("disconnection_reason"))
                .text("recordingUrl", call.get("recording_url"))
                .endedAt(CallBuilder.epochMillis(call.get("end_timestamp")));
        for (JsonNode turn : call.path("transcript_object")) {
            out.turn("agent".equals(turn.path("role").asText()) ? "agent" : "user", turn.get("content"));
        }
        if (!out.hasTurns()) {
            out.text("transcript", call.get("transcript"));
        }
        // Dynamic variables are how most Retell users pass lead data; explicit metadata wins on a clash.
        out.metadata(call.get("retell_llm_dynamic_variables")).metadata(call.get("metadata"));
        JsonNode analysis = call.path("call_analysis");
        out.text("summary", analysis.get("call_summary"))
                .postCalls(analysis.get("custom_analysis_data"), ANALYSIS)
                .extra("call_type", call.get("call_type"))
                .extra("direction", call.get("direction"))
                .extra("call_status", call.get("call_status"))
                .extra("user_sentiment", analysis.get("user_sentiment"))
                .extra("call_successful", analysis.get("call_successful"))
                .extra("in_voicemail", analysis.get("in_voicemail"));
        return new PlatformEvent(event, out.build(),
                CALL_ANALYZED.equals(event) ? PlatformEvent.Timing.ANALYSIS : PlatformEvent.Timing.AWAIT_ANALYSIS);
    }

    /** Who is the user depends on the direction: the caller of an inbound call, the callee of an outbound one. */
    private static void numbers(JsonNode call, CallBuilder out) {
        boolean outbound = "outbound".equals(call.path("direction").asText());
        JsonNode from = call.get("from_number");
        JsonNode to = call.get("to_number");
        out.text("user_phone_number", outbound ? to : from).text("agent_phone_number", outbound ? from : to);
    }

    private static Double duration(JsonNode call) {
        Double millis = CallBuilder.number(call.get("duration_ms"));
        if (millis == null) {
            Double start = CallBuilder.number(call.get("start_timestamp"));
            Double end = CallBuilder.number(call.get("end_timestamp"));
            millis = start != null && end != null && end >= start ? end - start : null;
        }
        return millis == null ? null : millis / 1000.0;
    }
}
