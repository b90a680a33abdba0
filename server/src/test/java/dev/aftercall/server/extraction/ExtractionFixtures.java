package dev.aftercall.server.extraction;

import dev.aftercall.server.auth.OutletEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;

/** Outlets with a time zone, and the call whose transcript the extraction tests read. */
@ApplicationScoped
public class ExtractionFixtures {
    /** Says an email and a relative date-time, the example. */
    public static final String TRANSCRIPT_TEXT =
            "my email is asha dot rao at example dot com, call me tomorrow at 5 pm";

    /** Creates the outlet, or sets its zone when it exists. */
    @Transactional
    public void outlet(long id, String timeZone) {
        OutletEntity outlet = OutletEntity.findById(id);
        if (outlet == null) {
            outlet = new OutletEntity();
            outlet.id = id;
            outlet.name = "extraction test outlet " + id;
            outlet.timeZone = timeZone;
            outlet.persist();
        } else {
            outlet.timeZone = timeZone;
        }
    }

    /** A call that ended 2025-01-31 14:05 UTC (19:35 in Asia/Kolkata). */
    public static Map<String, Object> call(String callId, String agent, Map<String, Object> postCall) {
        return Map.of(
                "call_id", callId,
                "agent", agent,
                "call_duration", 61,
                "user_phone_number", "+919876543210",
                "transcript", List.of(
                        Map.of("role", "agent", "content", "Thanks for calling. How can we reach you?"),
                        Map.of("role", "user", "content", TRANSCRIPT_TEXT)),
                "post_call", postCall,
                "ended_at", "2025-01-31T14:05:00Z");
    }
}
