package dev.aftercall.server.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.job.JobEntity;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The JSON bodies the calls API reads out: one call in detail, and pages of call summaries. */
@ApplicationScoped
public class CallViews {
    private final ObjectMapper json;
    private final Instance<CallDetailContributor> contributors;

    public CallViews(ObjectMapper json, @Any Instance<CallDetailContributor> contributors) {
        this.json = json;
        this.contributors = contributors;
    }

    /** The call with its document, results and whatever the {@link CallDetailContributor}s add. */
    @Transactional
    public Optional<ObjectNode> detail(long outletId, String callId) {
        return CallEntity.findByCallId(outletId, callId).map(this::detail);
    }

    /** Summaries of the outlet's calls matching {@code filter}, newest first. */
    @Transactional
    public ObjectNode page(long outletId, CallFilter filter) {
        StringBuilder where = new StringBuilder("outletId = :outlet");
        Parameters parameters = Parameters.with("outlet", outletId);
        if (filter.status() != null) {
            where.append(" and status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.agent() != null) {
            where.append(" and agent = :agent");
            parameters.and("agent", filter.agent());
        }
        if (filter.since() != null) {
            where.append(" and createdAt >= :since");
            parameters.and("since", filter.since().toInstant());
        }
        PanacheQuery<CallEntity> query = CallEntity
                .<CallEntity>find(where.toString(), Sort.descending("createdAt", "pk"), parameters)
                .page(filter.page(), filter.size());
        ObjectNode page = json.createObjectNode();
        ArrayNode items = page.putArray("items");
        query.list().forEach(call -> items.add(listItem(call)));
        page.put("page", filter.page());
        page.put("size", filter.size());
        page.put("total", query.count());
        return page;
    }

    private ObjectNode detail(CallEntity call) {
        ObjectNode detail = summary(call);
        // A job still to run (or given up) counts its own runs; a finished one is gone and left its count on the call.
        detail.put("attempts", JobEntity.<JobEntity>find("callPk = ?1 and kind = ?2", call.pk, JobEntity.PROCESS_CALL)
                .firstResultOptional()
                .map(job -> job.attempts).orElse(call.attempts == null ? 0 : call.attempts));
        ObjectNode document = (ObjectNode) parse(call.document);
        ObjectNode results = call.results == null ? json.createObjectNode() : (ObjectNode) parse(call.results);
        detail.set("call", document);
        detail.set("results", results);
        // The call's own fields as processing left them (post_call, functions_called, ...), at the top level.
        CallResults.overlay(document.deepCopy(), results).properties().forEach(field -> {
            if (CallResults.CALL_STATE.contains(field.getKey())) {
                detail.set(field.getKey(), field.getValue());
            }
        });
        contributors.forEach(contributor -> contributor.contribute(call, detail));
        return detail;
    }

    private ObjectNode summary(CallEntity call) {
        ObjectNode summary = json.createObjectNode();
        summary.put("call_id", call.callId);
        summary.put("agent", call.agent);
        summary.put("status", call.status);
        summary.put("created_at", text(call.createdAt));
        summary.put("updated_at", text(call.updatedAt));
        summary.put("completed_at", text(call.completedAt));
        summary.put("error", call.error);
        return summary;
    }

    /**
     * A list row: the summary plus what an operator scans a list for, the call's length and outcome
     * ({@code disposition} as posted, {@code conversion_status} and {@code disposition_reason} as processing left
     * them). Fields the call does not have are null.
     */
    private ObjectNode listItem(CallEntity call) {
        ObjectNode item = summary(call);
        JsonNode document = parse(call.document);
        JsonNode results = call.results == null ? json.createObjectNode() : parse(call.results);
        item.set("duration", document.path("call_duration").isNumber() ? document.get("call_duration") : null);
        item.set("disposition", document.path("disposition").isTextual() ? document.get("disposition") : null);
        for (String field : List.of("conversion_status", "disposition_reason")) {
            JsonNode value = results.has(field) ? results.get(field) : document.get(field);
            item.set(field, value == null || value.isMissingNode() ? null : value);
        }
        return item;
    }

    private JsonNode parse(String stored) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is invalid", e);
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
