package dev.aftercall.server.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the intake log: one row per delivery to a live token, whatever its fate, in a transaction of its own so a
 * rejected or failed delivery is still recorded. Headers that carry credentials are kept by name only.
 */
@ApplicationScoped
public class IntakeLog {
    static final String REDACTED = "***";
    private static final List<String> SECRET_HINTS = List.of("secret", "signature", "token", "auth", "key",
            "cookie", "password");

    /** What happened to one delivery. */
    public record Entry(IntakeTokens.Resolved token, String event, String callId, Verification verification,
                        String outcome, String detail, int httpStatus) {
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void record(Entry entry, Map<String, List<String>> headers, byte[] body) {
        IntakeLogEntity row = new IntakeLogEntity();
        row.outletId = entry.token().outletId();
        row.tokenPk = entry.token().pk();
        row.platform = entry.token().platform().wireName();
        row.event = truncate(entry.event(), 100);
        row.callId = truncate(entry.callId(), 255);
        row.verification = entry.verification().result();
        row.outcome = entry.outcome();
        row.detail = entry.detail();
        row.httpStatus = entry.httpStatus();
        row.headers = redacted(headers).toString();
        row.body = new String(body, StandardCharsets.UTF_8);
        row.receivedAt = Instant.now();
        row.persist();
    }

    static ObjectNode redacted(Map<String, List<String>> headers) {
        ObjectNode out = Json.object();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean secret = SECRET_HINTS.stream().anyMatch(lower::contains);
            out.put(lower, secret ? REDACTED : String.join(", ", values));
        });
        return out;
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
