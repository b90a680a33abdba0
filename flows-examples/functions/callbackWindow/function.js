async function callbackWindow(context) {
    const zone = context.call_metadata.timezone || "Asia/Kolkata";
    const OPEN = 10;
    const CLOSE = 19;
    const connected = context.call_duration > 0 && context.hangup_reason !== "VOICEMAIL_DETECTED";
    const log = {
        name: "callbackWindow",
        parameters: { timezone: zone, connected: connected },
        success: true,
        response: null,
        timestamp: new Date().toISOString()
    };

    if (connected && !context.post_call.asked_for_callback) {
        context.next_call_scheduled = false;
        log.response = { scheduled: false };
        context.functions_called.push(log);
        return;
    }

    // Not connected: try again in two hours; asked for a callback: same time tomorrow. Always in opening hours.
    let slot = moment.tz(zone).add(connected ? 24 : 2, "hours").startOf("hour");
    if (slot.hour() < OPEN) {
        slot = slot.hour(OPEN);
    } else if (slot.hour() >= CLOSE) {
        slot = slot.add(1, "day").hour(OPEN);
    }
    if (slot.day() === 0) {
        slot = slot.add(1, "day").hour(OPEN);
    }

    context.post_call.callback_at = slot.format();
    context.post_call_detail.callback_at = {
        value: context.post_call.callback_at,
        comment: "Callback at " + slot.format("dddd HH:mm") + " " + zone + " (opening hours " + OPEN + ":00-" + CLOSE + ":00)"
    };
    context.next_call_scheduled = true;
    log.response = { scheduled: true, callback_at: context.post_call.callback_at };
    context.functions_called.push(log);
}
