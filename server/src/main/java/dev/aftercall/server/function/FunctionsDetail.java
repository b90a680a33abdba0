package dev.aftercall.server.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.call.CallDetailContributor;
import dev.aftercall.server.call.CallEntity;
import dev.aftercall.server.json.Json;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Adds {@code functions} to a call's detail: per function that ran for it, its status, duration, console output,
 * warnings, requests and error, in the order they ran. (The fields functions change, such as {@code post_call}
 * and {@code functions_called}, are already at the detail's top level.)
 */
@ApplicationScoped
public class FunctionsDetail implements CallDetailContributor {

    @Override
    public void contribute(CallEntity call, ObjectNode detail) {
        // CallViews has already parsed the results into the detail.
        JsonNode records = detail.path("results").get(FunctionStage.RESULTS_KEY);
        detail.set("functions", records != null && records.isArray() ? records : Json.mapper().createArrayNode());
    }
}
