package dev.aftercall.server.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one webhook delivery means for Aftercall: its event name and, for an end-of-call event, the call in
 * Aftercall's format and when to process it.
 */
public record PlatformEvent(String event, ObjectNode call, Timing timing) {
    /** When the call of an end-of-call event is processed. */
    public enum Timing {
        /** Not an end-of-call event: acknowledged, nothing stored. */
        IGNORED,
        /** The final word on the call: process it now. */
        RUN_NOW,
        /**
         * The call ended, but a richer event for it may follow (Retell's {@code call_analyzed}): process it after
         * {@code aftercall.intake.retell-analysis-wait} unless that event comes first.
         */
        AWAIT_ANALYSIS,
        /** The richer event: replaces a waiting call and makes it due now, or is stored and processed now. */
        ANALYSIS
    }

    public static PlatformEvent ignored(String event) {
        return new PlatformEvent(event, null, Timing.IGNORED);
    }

    public String callId() {
        return call == null ? null : call.path("call_id").asText(null);
    }
}
