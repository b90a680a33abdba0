package dev.aftercall.server.call;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Adds to the body of {@code GET /api/v1/calls/{call_id}} (and of the repeat-post answer, which is the same body).
 * Every bean implementing this is called once per body, after the core fields are set, inside a read transaction;
 * it may add fields (e.g. {@code flow_runs}) but must not remove or rename the core ones.
 */
public interface CallDetailContributor {
    void contribute(CallEntity call, ObjectNode detail);
}
