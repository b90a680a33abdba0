package dev.aftercall.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aftercall.engine.flow.FlowError;

import java.util.List;

/**
 * The one shape of every error the API answers: {@code {"error": "...", "node": ..., "field": ...}}; {@code errors}
 * lists every problem when there are several (flow validation). Null members are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String node, String field, List<FlowError> errors) {

    public static ErrorBody of(String error) {
        return new ErrorBody(error, null, null, null);
    }

    public static ErrorBody of(String error, String node, String field) {
        return new ErrorBody(error, node, field, null);
    }
}
