package dev.aftercall.server.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.auth.AuthProfiles;
import dev.aftercall.engine.flow.FlowDocuments;
import dev.aftercall.engine.flow.FlowError;
import dev.aftercall.engine.flow.FlowValidationException;
import dev.aftercall.engine.http.HttpPort;
import dev.aftercall.engine.model.ApiRequestNode;
import dev.aftercall.engine.node.ApiRequestPreview;
import dev.aftercall.engine.template.PathLookup;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.authprofile.DbAuthProfiles;
import dev.aftercall.server.json.Json;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The editor's Test Request ("Send") button: one attempt of one API Request node with sample variables. Answers
 * the response as Data (the parsed body) and Meta (status, headers, duration, size), what the response mapping
 * would set, and the request as sent with secrets masked. A target that cannot be reached is still a 200 answer,
 * with {@code error} set and status 0: the request was tested, the target failed.
 */
@Path("/api/v1/nodes/api-request/test")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiRequestTestResource {
    private static final String DEFAULT_ID = "api_request";

    @Inject
    OutletContext outlet;

    @Inject
    DbAuthProfiles authProfiles;

    @Inject
    HttpPort http;

    /** Body: {@code {"node": {...api_request node...}, "variables": {"interaction": {...}, "lead_id": 7}}}. */
    @POST
    @Blocking
    public CompletionStage<ObjectNode> test(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("node").isObject()) {
            throw ApiException.badRequest("send {\"node\": {an api_request node}, \"variables\": {...}}", "node");
        }
        JsonNode variables = body.get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            throw ApiException.badRequest("variables must be an object of sample values", "variables");
        }
        ApiRequestNode node = parse((ObjectNode) body.get("node").deepCopy());
        ObjectNode roots = variables == null || variables.isNull() ? Json.object() : (ObjectNode) variables;
        AuthProfiles profiles = node.authProfile() == null || node.authProfile().isBlank()
                ? AuthProfiles.NONE : authProfiles.load(outlet.id(), Set.of(node.authProfile()));
        return ApiRequestPreview.send(node, PathLookup.over(roots), profiles, http)
                .thenApply(ApiRequestTestResource::view);
    }

    /**
     * Checks the node with the same rules as a saved flow, by placing it after a start node in a one-edge flow,
     * and reports only the node's own problems.
     */
    static ApiRequestNode parse(ObjectNode node) {
        if (!node.hasNonNull("id")) {
            node.put("id", DEFAULT_ID);
        }
        if (!node.hasNonNull("type")) {
            node.put("type", ApiRequestNode.TYPE);
        } else if (!ApiRequestNode.TYPE.equals(node.get("type").asText())) {
            throw new ApiException(400, "only api_request nodes can be tested here", node.get("id").asText(), "type");
        }
        String id = node.get("id").asText();
        String startId = id.equals("start") ? "start-of-test" : "start";
        ObjectNode flow = Json.object();
        flow.put("name", "test request");
        flow.putArray("nodes").add(Json.object().put("id", startId).put("type", "start")).add(node);
        flow.putArray("edges").add(Json.object().put("from", startId).put("to", id));
        try {
            return (ApiRequestNode) FlowDocuments.parse(flow).node(id).orElseThrow();
        } catch (FlowValidationException e) {
            List<FlowError> own = e.errors().stream().filter(err -> Objects.equals(err.node(), id)).toList();
            throw new FlowValidationException(own.isEmpty() ? e.errors() : own);
        }
    }

    static ObjectNode view(ApiRequestPreview.Result result) {
        ObjectNode out = Json.object();
        out.set("data", result.data());
        ObjectNode meta = out.putObject("meta");
        meta.put("status", result.status());
        ObjectNode headers = meta.putObject("headers");
        for (Map.Entry<String, String> header : result.headers()) {
            // Repeated headers are joined as HTTP allows, so the Meta tab shows one line per name.
            String name = header.getKey().toLowerCase(java.util.Locale.ROOT);
            String before = headers.path(name).asText(null);
            headers.put(name, before == null ? header.getValue() : before + ", " + header.getValue());
        }
        meta.put("duration_ms", result.durationMs());
        meta.put("size_bytes", result.sizeBytes());
        out.set("mapped", result.mapped() == null ? Json.object() : result.mapped());
        out.set("request", result.request());
        out.set("warnings", Json.tree(result.warnings() == null ? List.of() : result.warnings()));
        out.put("error", result.error());
        return out;
    }
}
