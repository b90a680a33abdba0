package dev.aftercall.server.json;

import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.call.CallEntity;
import io.quarkus.panache.common.Parameters;
import java.util.List;

/**
 * The where clause of a list endpoint ({@link Pages}), built from its optional query parameters: always the
 * caller's outlet, and each parameter given narrows the list further. A value the API cannot take is rejected
 * naming its query parameter, as {@link Pages#check} does, so every list answers a bad filter the same way.
 */
public final class ListFilter {
    private final long outletId;
    private final StringBuilder where = new StringBuilder("outletId = :outlet");
    private final Parameters parameters;

    private ListFilter(long outletId) {
        this.outletId = outletId;
        this.parameters = Parameters.with("outlet", outletId);
    }

    /** The rows of one outlet. */
    public static ListFilter ofOutlet(long outletId) {
        return new ListFilter(outletId);
    }

    /** Rows whose {@code field} equals {@code value}; nothing narrowed when {@code value} is null. */
    public ListFilter equal(String field, Object value) {
        return value == null ? this : where(field + " = :" + field, field, value);
    }

    /** The {@code status} query parameter: one of {@code statuses}, else a 400 naming it. */
    public ListFilter status(String status, List<String> statuses) {
        if (status != null && !statuses.contains(status)) {
            throw ApiException.badRequest("status must be one of " + statuses, "status");
        }
        return equal("status", status);
    }

    /** The {@code call_id} query parameter: rows of that call of the outlet; a 404 when the outlet has no such call. */
    public ListFilter call(String callId) {
        if (callId == null) {
            return this;
        }
        CallEntity call = CallEntity.findByCallId(outletId, callId)
                .orElseThrow(() -> ApiException.notFound("call " + callId));
        return where("callPk = :call", "call", call.pk);
    }

    /** Any other condition, with the one named parameter it uses. */
    public ListFilter where(String condition, String name, Object value) {
        where.append(" and ").append(condition);
        parameters.and(name, value);
        return this;
    }

    /** The where clause followed by {@code orderBy} (HQL, e.g. {@code "order by pk desc"}). */
    public String query(String orderBy) {
        return where + " " + orderBy;
    }

    public Parameters parameters() {
        return parameters;
    }
}
