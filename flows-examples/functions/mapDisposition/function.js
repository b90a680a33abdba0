async function mapDisposition(context) {
    const BY_HANGUP = {
        VOICEMAIL_DETECTED: "voicemail",
        NO_ANSWER: "no_answer",
        BUSY: "busy",
        FAILED: "failed"
    };
    let disposition;
    if (!(context.call_duration > 0) || BY_HANGUP[context.hangup_reason]) {
        disposition = BY_HANGUP[context.hangup_reason] || "not_connected";
    } else if (context.post_call.confirmation) {
        disposition = "booked";
    } else if (context.post_call.cancellation) {
        disposition = "cancelled";
    } else if (context.post_call.interested) {
        disposition = "interested";
    } else {
        disposition = "not_interested";
    }

    context.disposition_reason = disposition;
    context.conversion_status = disposition === "booked";
    context.post_call_detail.disposition = {
        value: disposition,
        comment: "From hangup reason " + context.hangup_reason + " and the call's outcome"
    };
    context.functions_called.push({
        name: "mapDisposition",
        parameters: { hangup_reason: context.hangup_reason, call_duration: context.call_duration },
        success: true,
        response: { disposition: disposition },
        timestamp: new Date().toISOString()
    });
}
