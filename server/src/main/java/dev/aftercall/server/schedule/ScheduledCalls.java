package dev.aftercall.server.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.call.CallEntity;
import dev.aftercall.server.delivery.Deliveries;
import dev.aftercall.server.delivery.DeliveryRequest;
import dev.aftercall.server.job.JobQueue;
import dev.aftercall.server.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Books follow-up calls and hands them to the dialer when due. Each booking has a {@code scheduled_call} job due at
 * its time; when it runs, the outlet's dialer (if one is configured) gets the call as a delivery (purpose
 * {@code dialer}, so it is signed, retried and logged like every outbound request). Without a dialer the call stays
 * {@code scheduled} and, once due, a dialer that pulls takes it with {@link #claimDue}.
 */
@ApplicationScoped
public class ScheduledCalls {
    static final String PURPOSE = "dialer";

    private final JobQueue jobs;
    private final Deliveries deliveries;
    private final Dialers dialers;
    private final EntityManager em;

    public ScheduledCalls(JobQueue jobs, Deliveries deliveries, Dialers dialers, EntityManager em) {
        this.jobs = jobs;
        this.deliveries = deliveries;
        this.dialers = dialers;
        this.em = em;
    }

    /** What a schedule_call action asks for. */
    public record Booking(long callPk, long outletId, String agent, String actionName, String toNumber,
                          String fromNumber, FollowUpTime.Due due) {
    }

    /** Books the follow-up once per call and action: a repeat (a stage run again) returns the first booking. */
    @Transactional
    public ScheduledCallEntity book(Booking booking) {
        var existing = ScheduledCallEntity.of(booking.callPk(), booking.actionName());
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = Instant.now();
        ScheduledCallEntity scheduled = new ScheduledCallEntity();
        scheduled.outletId = booking.outletId();
        scheduled.callPk = booking.callPk();
        scheduled.actionName = booking.actionName();
        scheduled.agent = booking.agent();
        scheduled.toNumber = booking.toNumber();
        scheduled.fromNumber = booking.fromNumber();
        scheduled.dueAt = booking.due().at();
        scheduled.timeSource = truncate(booking.due().source());
        scheduled.status = ScheduledCallEntity.SCHEDULED;
        scheduled.createdAt = now;
        scheduled.updatedAt = now;
        scheduled.persistAndFlush();
        jobs.enqueue(ScheduledCallJob.KIND, booking.callPk(), scheduled.pk, scheduled.dueAt);
        return scheduled;
    }

    /** Hands a due follow-up to the outlet's dialer; leaves it for pulling dialers when none is configured. */
    @Transactional
    public void dispatch(long scheduledPk) {
        ScheduledCallEntity scheduled = ScheduledCallEntity.findById(scheduledPk);
        if (scheduled == null || !ScheduledCallEntity.SCHEDULED.equals(scheduled.status)) {
            return;
        }
        var dialer = dialers.find(scheduled.outletId);
        if (dialer.isEmpty()) {
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>(dialer.get().headers());
        DeliveryRequest request = new DeliveryRequest(PURPOSE, "scheduled call " + scheduled.pk,
                "scheduled-call:" + scheduled.pk, "POST", dialer.get().url(), headers, body(scheduled).toString());
        scheduled.deliveryPk = deliveries.enqueue(scheduled.callPk, scheduled.outletId, request);
        scheduled.status = ScheduledCallEntity.DISPATCHED;
        scheduled.updatedAt = Instant.now();
    }

    /**
     * Takes up to {@code limit} of the outlet's due follow-ups for a dialer that pulls, marking them claimed. Rows
     * another dialer is claiming at the same moment are skipped, so two dialers never get the same call.
     */
    @Transactional
    public List<ScheduledCallEntity> claimDue(long outletId, int limit) {
        @SuppressWarnings("unchecked")
        List<Number> pks = em.createNativeQuery("""
                        select pk from scheduled_call
                        where outlet_id = :outlet and status = 'scheduled' and due_at <= :now
                        order by due_at
                        limit :limit
                        for update skip locked""")
                .setParameter("outlet", outletId)
                .setParameter("now", Instant.now())
                .setParameter("limit", limit)
                .getResultList();
        Instant now = Instant.now();
        return pks.stream().map(pk -> {
            ScheduledCallEntity scheduled = ScheduledCallEntity.findById(pk.longValue());
            scheduled.status = ScheduledCallEntity.CLAIMED;
            scheduled.updatedAt = now;
            return scheduled;
        }).toList();
    }

    /** What the dialer receives, and what a pulling dialer's claim answers per call. */
    static ObjectNode body(ScheduledCallEntity scheduled) {
        ObjectNode body = Json.object();
        body.put("scheduled_call_id", scheduled.pk);
        CallEntity call = CallEntity.findById(scheduled.callPk);
        body.put("call_id", call == null ? null : call.callId);
        body.put("agent", scheduled.agent);
        body.put("action", scheduled.actionName);
        body.put("to_number", scheduled.toNumber);
        body.put("from_number", scheduled.fromNumber);
        body.put("due_at", scheduled.dueAt.toString());
        return body;
    }

    private static String truncate(String text) {
        return text.length() <= 255 ? text : text.substring(0, 252) + "...";
    }
}
