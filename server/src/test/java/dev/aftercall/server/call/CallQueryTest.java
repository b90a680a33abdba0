package dev.aftercall.server.call;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.support.Api;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.aftercall.server.support.Api.as;
import static dev.aftercall.server.support.Api.call;
import static dev.aftercall.server.support.Api.newCallId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class CallQueryTest {
    @Inject
    Tokens tokens;

    @Inject
    TestDatabase database;

    String token;
    String otherOutletToken;

    @BeforeEach
    void signIn() {
        database.ensureOutlet(TestDatabase.SECOND_OUTLET, "Second outlet");
        token = tokens.mint(1, null);
        otherOutletToken = tokens.mint(TestDatabase.SECOND_OUTLET, null);
    }

    @Test
    void anotherOutletsCallIsNotFound() {
        String callId = newCallId();
        as(token).body(call(callId, "agent-private")).post("/api/v1/calls").then().statusCode(202);

        as(otherOutletToken).get("/api/v1/calls/{id}", callId).then()
                .statusCode(404)
                .body("error", equalTo("call " + callId + " not found"));
        as(otherOutletToken).get("/api/v1/calls?agent=agent-private").then()
                .statusCode(200)
                .body("items.call_id", not(hasItem(callId)));
        as(otherOutletToken).post("/api/v1/calls/{id}/retry", callId).then().statusCode(404);
    }

    @Test
    void theSameCallIdMayBeUsedByTwoOutlets() {
        String callId = newCallId();
        as(token).body(call(callId, "agent-a")).post("/api/v1/calls").then().statusCode(202);
        as(otherOutletToken).body(call(callId, "agent-b")).post("/api/v1/calls").then().statusCode(202);

        as(otherOutletToken).get("/api/v1/calls/{id}", callId).then().body("agent", equalTo("agent-b"));
    }

    @Test
    void anUnknownCallIsNotFound() {
        as(token).get("/api/v1/calls/{id}", "no-such-call").then()
                .statusCode(404)
                .body("error", equalTo("call no-such-call not found"));
    }

    @Test
    void listingFiltersByAgentStatusAndTimeNewestFirst() {
        String agent = "agent-" + UUID.randomUUID();
        List<String> ids = List.of(newCallId(), newCallId(), newCallId());
        Instant beforeAll = Instant.now().minusSeconds(1);
        for (String id : ids) {
            as(token).body(call(id, agent)).post("/api/v1/calls").then().statusCode(202);
            Api.awaitFinished(token, id).body("status", equalTo("completed"));
        }

        as(token).queryParam("agent", agent).get("/api/v1/calls").then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("page", equalTo(0))
                .body("size", equalTo(50))
                .body("items.call_id", contains(ids.get(2), ids.get(1), ids.get(0)))
                .body("items.status", everyItem(equalTo("completed")))
                .body("items.duration", everyItem(equalTo(42.5f)))
                .body("items.disposition", everyItem(equalTo("interested")))
                .body("items[0]", org.hamcrest.Matchers.hasKey("conversion_status"));
        as(token).queryParam("agent", agent).queryParam("status", "completed").queryParam("since", beforeAll.toString())
                .get("/api/v1/calls").then()
                .body("total", equalTo(3));
        as(token).queryParam("agent", agent).queryParam("status", "failed").get("/api/v1/calls").then()
                .body("total", equalTo(0))
                .body("items", empty());
        as(token).queryParam("agent", agent).queryParam("since", Instant.now().plusSeconds(3600).toString())
                .get("/api/v1/calls").then()
                .body("total", equalTo(0));
    }

    @Test
    void listingPages() {
        String agent = "agent-" + UUID.randomUUID();
        List<String> ids = List.of(newCallId(), newCallId(), newCallId());
        for (String id : ids) {
            as(token).body(call(id, agent)).post("/api/v1/calls").then().statusCode(202);
        }

        as(token).queryParam("agent", agent).queryParam("size", 2).get("/api/v1/calls").then()
                .body("total", equalTo(3))
                .body("items.call_id", contains(ids.get(2), ids.get(1)));
        as(token).queryParam("agent", agent).queryParam("size", 2).queryParam("page", 1).get("/api/v1/calls").then()
                .body("total", equalTo(3))
                .body("items.call_id", contains(ids.get(0)));
    }

    @Test
    void badListingParametersAreRejectedByName() {
        as(token).queryParam("status", "done").get("/api/v1/calls").then()
                .statusCode(400).body("field", equalTo("status"));
        as(token).queryParam("size", 0).get("/api/v1/calls").then()
                .statusCode(400).body("field", equalTo("size"));
        as(token).queryParam("page", "first").get("/api/v1/calls").then()
                .statusCode(400).body("field", equalTo("page"));
        as(token).queryParam("since", "last week").get("/api/v1/calls").then()
                .statusCode(400).body("field", equalTo("since"));
    }
}
