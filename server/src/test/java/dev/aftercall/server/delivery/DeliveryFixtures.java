package dev.aftercall.server.delivery;

import dev.aftercall.server.call.CallEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;

import static dev.aftercall.server.support.Api.as;
import static dev.aftercall.server.support.Api.awaitFinished;
import static dev.aftercall.server.support.Api.call;
import static dev.aftercall.server.support.Api.newCallId;

/** A stored call for deliveries to belong to. */
final class DeliveryFixtures {
    private DeliveryFixtures() {
    }

    record StoredCall(String callId, long pk) {
    }

    /** Posts a call as the token's outlet, waits until its pipeline finished, and returns its primary key. */
    static StoredCall storedCall(String token, long outletId) {
        String callId = newCallId();
        as(token).body(call(callId, "agent-deliveries")).post("/api/v1/calls").then().statusCode(202);
        awaitFinished(token, callId);
        long pk = QuarkusTransaction.requiringNew()
                .call(() -> CallEntity.findByCallId(outletId, callId).orElseThrow().pk);
        return new StoredCall(callId, pk);
    }
}
