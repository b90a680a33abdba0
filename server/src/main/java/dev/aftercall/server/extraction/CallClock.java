package dev.aftercall.server.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftercall.server.auth.OutletEntity;
import dev.aftercall.server.call.CallEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * When a call ended, in its outlet's time zone: the moment "tomorrow at 5 pm" is relative to. The platform's
 * {@code ended_at} when it sent one, else when Aftercall received the call.
 */
@ApplicationScoped
public class CallClock {
    private static final Logger LOG = Logger.getLogger(CallClock.class);

    @Transactional
    public ZonedDateTime endOf(long callPk, long outletId, JsonNode call) {
        ZoneId zone = zone(outletId);
        JsonNode endedAt = call.get("ended_at");
        if (endedAt != null && endedAt.isTextual()) {
            try {
                return OffsetDateTime.parse(endedAt.asText()).atZoneSameInstant(zone);
            } catch (DateTimeException e) {
                LOG.debugf("call pk %d: ended_at '%s' is not ISO 8601, using the intake time", callPk,
                        endedAt.asText());
            }
        }
        CallEntity entity = CallEntity.findById(callPk);
        Instant received = entity == null || entity.createdAt == null ? Instant.now() : entity.createdAt;
        return received.atZone(zone);
    }

    /** The outlet's zone; UTC when it has none or an unknown one. */
    public ZoneId zone(long outletId) {
        OutletEntity outlet = OutletEntity.findById(outletId);
        if (outlet == null || outlet.timeZone == null || outlet.timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(outlet.timeZone.strip());
        } catch (DateTimeException e) {
            LOG.warnf("outlet %d has an unknown time zone '%s'; using UTC", outletId, outlet.timeZone);
            return ZoneOffset.UTC;
        }
    }
}
