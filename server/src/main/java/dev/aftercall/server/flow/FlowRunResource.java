package dev.aftercall.server.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.run.RunState;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.call.CallEntity;
import dev.aftercall.server.job.JobEntity;
import dev.aftercall.server.job.JobQueue;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.json.Pages;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * Flow runs across the outlet's calls: {@code GET /api/v1/flow-runs?status=failed} lists the runs that gave up
 * (a target down past the node's last retry), and {@code POST /api/v1/flow-runs/{id}/retry} sends one again from
 * the node that failed, with the same {@code Idempotency-Key}, through the call's durable job.
 */
@Path("/api/v1/flow-runs")
@Produces(MediaType.APPLICATION_JSON)
public class FlowRunResource {
    private static final List<String> STATUSES = List.of("running", "completed", "failed");

    @Inject
    OutletContext outlet;

    @Inject
    JobQueue jobs;

    @GET
    @Transactional
    public ObjectNode list(@QueryParam("status") String status,
                           @QueryParam("page") @DefaultValue("0") int page,
                           @QueryParam("size") @DefaultValue("50") int size) {
        Pages.check(page, size);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("status must be one of " + STATUSES, "status");
        }
        String where = "flowPk in (select f.pk from FlowEntity f where f.outletId = ?1)"
                + (status == null ? "" : " and status = ?2");
        var query = status == null
                ? FlowRunEntity.<FlowRunEntity>find(where + " order by pk desc", outlet.id())
                : FlowRunEntity.<FlowRunEntity>find(where + " order by pk desc", outlet.id(), status);
        List<ObjectNode> items = query.page(page, size).list().stream().map(FlowRunResource::summary).toList();
        return Pages.of(items, page, size, query.count());
    }

    @POST
    @Path("{id}/retry")
    @Transactional
    public Response retry(@PathParam("id") long id) {
        FlowRunEntity run = owned(id);
        if (!FlowRunEntity.FAILED.equals(run.status)) {
            throw new ApiException(409, "only a failed run can be retried; run " + id + " is " + run.status, null,
                    null);
        }
        RunState failed = Json.read(run.state, RunState.class);
        RunState again = failed.retryFromFailure().orElseThrow(() -> new ApiException(409,
                "run " + id + " did not fail at a node (" + run.error + "); fix the flow and publish it instead",
                null, null));
        run.state = Json.write(again);
        run.status = FlowRunEntity.RUNNING;
        run.error = null;
        run.finishedAt = null;
        run.updatedAt = Instant.now();
        CallEntity call = CallEntity.findById(run.callPk);
        call.status = CallEntity.QUEUED;
        call.updatedAt = run.updatedAt;
        // The call's pipeline runs again: finished stages skip what they did, the flows stage resumes this run.
        jobs.enqueue(JobEntity.PROCESS_CALL, run.callPk);
        return Response.accepted(summary(run)).build();
    }

    private FlowRunEntity owned(long id) {
        FlowRunEntity run = FlowRunEntity.findById(id);
        FlowEntity flow = run == null ? null : FlowEntity.findById(run.flowPk);
        if (flow == null || flow.outletId != outlet.id()) {
            throw ApiException.notFound("flow run " + id);
        }
        return run;
    }

    private static ObjectNode summary(FlowRunEntity run) {
        ObjectNode out = Json.object();
        out.put("id", run.pk);
        CallEntity call = CallEntity.findById(run.callPk);
        out.put("call_id", call == null ? null : call.callId);
        out.put("flow_id", run.flowPk);
        out.put("version", run.flowVersion);
        out.put("status", run.status);
        out.put("error", run.error);
        out.put("started_at", run.startedAt == null ? null : run.startedAt.toString());
        out.put("finished_at", run.finishedAt == null ? null : run.finishedAt.toString());
        return out;
    }
}
