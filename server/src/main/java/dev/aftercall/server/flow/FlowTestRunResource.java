package dev.aftercall.server.flow;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aftercall.engine.auth.AuthProfiles;
import dev.aftercall.engine.flow.FlowDocuments;
import dev.aftercall.engine.model.Flow;
import dev.aftercall.engine.run.CallData;
import dev.aftercall.engine.run.Checkpointer;
import dev.aftercall.engine.run.FlowRunner;
import dev.aftercall.engine.run.RunEnvironment;
import dev.aftercall.engine.run.RunState;
import dev.aftercall.engine.run.Step;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.authprofile.DbAuthProfiles;
import dev.aftercall.server.call.CallEntity;
import dev.aftercall.server.json.Json;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * Runs a flow for a sample call (or a stored call of the outlet) and answers the whole trace; nothing is saved.
 * The requests are real, made with the outlet's auth profiles: that is what a test run is for. Each test run has
 * its own run key, so its {@code Idempotency-Key}s never collide with a real run's.
 */
@Path("/api/v1/flows/{id}/test-run")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FlowTestRunResource {
    @Inject
    OutletContext outlet;

    @Inject
    FlowService flows;

    @Inject
    DbAuthProfiles authProfiles;

    @Inject
    FlowRunner runner;

    @Inject
    ManagedExecutor workers;

    /**
     * The answer: the flow, version and run key, then the run's status, error, steps and variables as a stored run
     * shows them ({@link FlowView}). A record Jackson writes straight to the response, not a tree built first (one
     * copy of every step less per test run).
     */
    record Answer(@JsonProperty("flow_id") long flowId, Integer version, @JsonProperty("run_key") String runKey,
                  String status, String error, List<Step> steps, JsonNode variables) {
        static Answer of(long flowId, Integer version, String runKey, RunState end) {
            return new Answer(flowId, version, runKey, FlowView.status(end.status()), end.error(), end.steps(),
                    end.variables());
        }
    }

    /** What a test run starts from: the flow, the sample call and the outlet's profiles its nodes name. */
    private record Prepared(Flow flow, CallData call, AuthProfiles profiles) {
    }

    /**
     * Body: {@code {"call": {...}}} or {@code {"call_id": "..."}}, and optionally {@code "version": k} to run a
     * published version instead of the draft.
     * <p>
     * A draft test run with a sample call and no auth profile (what the editor's button and the bench send) needs
     * nothing from the database once the draft is in memory: it runs on the event loop that read the request, and
     * the flow's requests go out and come back on that same thread. Anything that must be read (a published
     * version, a stored call, auth profiles, a draft not yet cached) is read on a worker thread first.
     */
    @POST
    @NonBlocking
    public CompletionStage<Answer> testRun(@PathParam("id") long id, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("send {\"call\": {...}} or {\"call_id\": \"...\"}", "call");
        }
        Integer version = FlowResource.version(body.get("version"));
        long outletId = outlet.id();
        Prepared ready = version == null ? preparedInMemory(outletId, id, body) : null;
        CompletionStage<Prepared> prepared = ready != null ? CompletableFuture.completedFuture(ready)
                : workers.supplyAsync(() -> prepare(outletId, id, version, body));
        String runKey = "test-run:" + UUID.randomUUID();
        return prepared.thenCompose(run -> runner.run(run.flow(),
                RunState.begin(runKey, run.flow().start().id(), run.call()),
                new RunEnvironment(run.profiles(), Checkpointer.NONE)))
                .thenApply(end -> Answer.of(id, version, runKey, end));
    }

    /** The run's start when the draft is cached, the call is a sample and no node names an auth profile; else null. */
    private Prepared preparedInMemory(long outletId, long id, JsonNode body) {
        JsonNode callId = body.get("call_id");
        if (callId != null && !callId.isNull()) {
            return null;
        }
        Flow flow = flows.cachedDraftFlow(outletId, id).orElse(null);
        if (flow == null || !FlowDocument.authProfiles(flow).isEmpty()) {
            return null;
        }
        return new Prepared(flow, CallData.fromCall(sampleCall(outletId, body)), AuthProfiles.NONE);
    }

    /** Reads what the run needs; on a worker thread. */
    private Prepared prepare(long outletId, long id, Integer version, JsonNode body) {
        Flow flow = version == null ? flows.draftFlow(outletId, id)
                : FlowDocuments.parse(flows.document(outletId, id, version));
        CallData call = CallData.fromCall(sampleCall(outletId, body));
        return new Prepared(flow, call, authProfiles.load(outletId, FlowDocument.authProfiles(flow)));
    }

    private static JsonNode sampleCall(long outletId, JsonNode body) {
        JsonNode call = body.get("call");
        JsonNode callId = body.get("call_id");
        boolean hasCall = call != null && !call.isNull();
        boolean hasCallId = callId != null && !callId.isNull();
        if (hasCall == hasCallId) {
            throw ApiException.badRequest("send either a sample call as \"call\" or a stored call's id as "
                    + "\"call_id\"", hasCall ? "call_id" : "call");
        }
        if (hasCall) {
            if (!call.isObject()) {
                throw ApiException.badRequest("call must be a call object as posted to /api/v1/calls", "call");
            }
            return call;
        }
        CallEntity stored = CallEntity.findByCallId(outletId, callId.asText())
                .orElseThrow(() -> new ApiException(404, "call '" + callId.asText() + "' not found", null, "call_id"));
        return Json.tree(stored.document);
    }
}
