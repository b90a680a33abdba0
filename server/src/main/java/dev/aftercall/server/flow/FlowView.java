package dev.aftercall.server.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.run.RunState;
import dev.aftercall.server.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The JSON the flows API answers: flows, versions and runs. Field names are snake_case like the documents. */
final class FlowView {
    private FlowView() {
    }

    /** What a list shows: everything but the draft document. */
    static ObjectNode summary(FlowEntity flow) {
        ObjectNode out = Json.object();
        out.put("id", flow.pk);
        out.put("name", flow.name);
        out.put("description", flow.description);
        out.set("agents", flow.agents == null ? NullNode.getInstance() : Json.tree(flow.agents));
        if (flow.publishedVersion == null) {
            out.putNull("published_version");
        } else {
            out.put("published_version", flow.publishedVersion);
        }
        out.put("created_at", flow.createdAt.toString());
        out.put("updated_at", flow.updatedAt.toString());
        return out;
    }

    static ObjectNode detail(FlowEntity flow, List<FlowVersionEntity> versions) {
        ObjectNode out = summary(flow);
        out.set("draft", Json.tree(flow.draft));
        ArrayNode list = out.putArray("versions");
        versions.forEach(v -> list.add(version(flow, v)));
        return out;
    }

    static ObjectNode version(FlowEntity flow, FlowVersionEntity version) {
        ObjectNode out = Json.object();
        out.put("version", version.version);
        out.put("published_at", version.publishedAt.toString());
        out.put("current", flow.publishedVersion != null && flow.publishedVersion == version.version);
        return out;
    }

    /**
     * A stored run as the call detail and the flow-run views show it: lowercase status like calls, the error, every
     * step (requests as sent, secrets masked) and the flow variables at the end. (A test run answers the same
     * fields from memory: {@code FlowTestRunResource.Answer}.)
     */
    static ObjectNode run(FlowRunEntity run, String flowName) {
        ObjectNode out = Json.object();
        out.put("id", run.pk);
        out.put("flow_id", run.flowPk);
        out.put("flow_name", flowName);
        out.put("version", run.flowVersion);
        out.put("status", run.status);
        out.put("error", run.error);
        out.put("started_at", timestamp(run.startedAt));
        out.put("finished_at", timestamp(run.finishedAt));
        JsonNode state = Json.tree(run.state);
        out.set("steps", state.path("steps").isArray() ? state.get("steps") : Json.mapper().createArrayNode());
        out.set("variables", state.path("variables").isObject() ? state.get("variables") : Json.object());
        return out;
    }

    static String status(RunState.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static String timestamp(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
