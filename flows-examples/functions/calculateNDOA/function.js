async function calculateNDOA(context) {
    const FMT = "YYYY-MM-DDTHH:mm:ss";
    const nowIST = moment.tz("Asia/Kolkata");
    
    // Initialize NDOA
    context.post_call.ndoa = "";
    context.post_call_detail.ndoa = {
        value: "",
        comment: "Next Date of Action calculated"
    };
    
    // Check if call was connected
    const connected = context.call_duration > 0 && 
                     context.hangup_reason !== "VOICEMAIL_DETECTED";
    
    if (connected) {
        if (context.post_call.cancellation || 
            context.post_call.confirmation) {
            // Call resolved - no callback needed
            context.post_call.ndoa = "";
            context.post_call_detail.ndoa = {
                value: "",
                comment: "Call resolved, no ndoa"
            };
        } else {
            // No resolution: schedule 1 hour later
            const ndoaTime = nowIST.clone().add(60, "minutes");
            context.post_call.ndoa = ndoaTime.format(FMT);
            context.post_call_detail.ndoa = {
                value: context.post_call.ndoa,
                comment: "No resolution, scheduling ndoa 1 hour later"
            };
        }
    } else {
        // Not connected: schedule 1.5 hours later
        const ndoaTime = nowIST.clone().add(90, "minutes");
        context.post_call.ndoa = ndoaTime.format(FMT);
        context.post_call_detail.ndoa = {
            value: context.post_call.ndoa,
            comment: "Call not connected, scheduling ndoa 1.5 hours later"
        };
    }
    
    // Log function execution
    context.functions_called.push({
        name: "calculateNDOA",
        parameters: {
            agent: context.agent,
            call_duration: context.call_duration,
            hangup_reason: context.hangup_reason
        },
        success: true,
        response: { ndoa: context.post_call.ndoa },
        timestamp: new Date().toISOString()
    });
}
