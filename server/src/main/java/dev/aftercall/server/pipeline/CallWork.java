package dev.aftercall.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One stored call as the pipeline stages see it. {@code call} is the call document as posted (normalised:
 * {@code call_id} always set).
 */
public record CallWork(long callPk, String callId, long outletId, String agent, JsonNode call) {
}
