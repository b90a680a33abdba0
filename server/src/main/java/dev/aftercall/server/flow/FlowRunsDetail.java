package dev.aftercall.server.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.call.CallDetailContributor;
import dev.aftercall.server.call.CallEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/** Adds {@code flow_runs} to a call's detail: every flow run with its version, status, steps and variables. */
@ApplicationScoped
public class FlowRunsDetail implements CallDetailContributor {

    @Override
    public void contribute(CallEntity call, ObjectNode detail) {
        ArrayNode runs = detail.putArray("flow_runs");
        Map<Long, String> names = new HashMap<>();
        for (FlowRunEntity run : FlowRunEntity.ofCall(call.pk)) {
            String name = names.computeIfAbsent(run.flowPk,
                    pk -> FlowEntity.<FlowEntity>findByIdOptional(pk).map(f -> f.name).orElse(null));
            runs.add(FlowView.run(run, name));
        }
    }
}
