package dev.aftercall.server.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One stored call as the pipeline stages see it. {@code call} is the call document as posted (normalised:
 * {@code call_id} always set).
 *
 * <p>{@code handedOver}: intake stored the call a moment ago and handed its job straight to this process's worker
 * (its first attempt), so nothing of it is stored but the call row and what this attempt's stages save.
 * {@code resultsSaved} is set once a stage of this attempt has saved results ({@code CallResults.update(CallWork,
 * ...)}); together they let a stage know the saved results are still empty without reading them.
 *
 * <p>{@code writes}: what a stage of this attempt left to be committed later ({@link DeferredWrites}).
 */
public record CallWork(long callPk, String callId, long outletId, String agent, JsonNode call, boolean handedOver,
                       AtomicBoolean resultsSaved, DeferredWrites writes) {

    /** A call read from the database (claimed from the queue, or a retry): its stored state is not known. */
    public CallWork(long callPk, String callId, long outletId, String agent, JsonNode call) {
        this(callPk, callId, outletId, agent, call, false, new AtomicBoolean(), new DeferredWrites());
    }

    /** A call intake has just stored and hands straight to the worker. */
    public static CallWork handedOver(long callPk, String callId, long outletId, String agent, JsonNode call) {
        return new CallWork(callPk, callId, outletId, agent, call, true, new AtomicBoolean(), new DeferredWrites());
    }

    /** Nothing of the call is stored but its row, and no stage of this attempt has saved results yet. */
    public boolean untouched() {
        return handedOver && !resultsSaved.get();
    }
}
