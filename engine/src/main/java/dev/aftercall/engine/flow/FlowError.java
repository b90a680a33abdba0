package dev.aftercall.engine.flow;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A problem in a flow document the user can act on: which node, which field, what is wrong. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FlowError(String error, String node, String field) {
}
