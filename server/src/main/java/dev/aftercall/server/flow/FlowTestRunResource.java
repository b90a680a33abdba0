package dev.aftercall.server.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.auth.AuthProfiles;
import dev.aftercall.engine.flow.FlowDocuments;
import dev.aftercall.engine.model.Flow;
import dev.aftercall.engine.run.CallData;
import dev.aftercall.engine.run.Checkpointer;
import dev.aftercall.engine.run.FlowRunner;
import dev.aftercall.engine.run.RunEnvironment;
import dev.aftercall.engine.run.RunState;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.authprofile.DbAuthProfiles;
import dev.aftercall.server.call.CallEntity;
import dev.aftercall.server.json.Json;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

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

    /**
     * Body: {@code {"call": {...}}} or {@code {"call_id": "..."}}, and optionally {@code "version": k} to run a
     * published version instead of the draft.
     */
    @POST
    @Blocking
    public CompletionStage<ObjectNode> testRun(@PathParam("id") long id, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("send {\"call\": {...}} or {\"call_id\": \"...\"}", "call");
        }
        Integer version = FlowResource.version(body.get("version"));
        Flow flow = version == null ? flows.draftFlow(outlet.id(), id)
                : FlowDocuments.parse(flows.document(outlet.id(), id, version));
        CallData call = CallData.fromCall(sampleCall(body));
        AuthProfiles profiles = authProfiles.load(outlet.id(), FlowDocument.authProfiles(flow));
        String runKey = "test-run:" + UUID.randomUUID();
        RunState start = RunState.begin(runKey, flow.start().id(), call);
        return runner.run(flow, start, new RunEnvironment(profiles, Checkpointer.NONE)).thenApply(end -> {
            ObjectNode out = Json.object();
            out.put("flow_id", id);
            if (version == null) {
                out.putNull("version");
            } else {
                out.put("version", version);
            }
            out.put("run_key", runKey);
            out.setAll(FlowView.run(end));
            return out;
        });
    }

    private JsonNode sampleCall(JsonNode body) {
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
        CallEntity stored = CallEntity.findByCallId(outlet.id(), callId.asText())
                .orElseThrow(() -> new ApiException(404, "call '" + callId.asText() + "' not found", null, "call_id"));
        return Json.tree(stored.document);
    }
}
