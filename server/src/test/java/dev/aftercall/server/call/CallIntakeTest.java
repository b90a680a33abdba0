package dev.aftercall.server.call;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.aftercall.server.support.Api.as;
import static dev.aftercall.server.support.Api.call;
import static dev.aftercall.server.support.Api.newCallId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class CallIntakeTest {
    @Inject
    Tokens tokens;

    @Inject
    TestDatabase database;

    @TestHTTPResource("/api/v1/calls")
    URI callsUri;

    String token;

    @BeforeEach
    void signIn() {
        token = tokens.mint(1, null);
    }

    @Test
    void aNewCallIsQueuedAndStoredAsPosted() {
        String callId = newCallId();
        as(token).body(call(callId, "agent-intake")).post("/api/v1/calls").then()
                .statusCode(202)
                .header("Location", startsWith("http"))
                .body("call_id", equalTo(callId))
                .body("status", equalTo("queued"));

        as(token).get("/api/v1/calls/{id}", callId).then()
                .statusCode(200)
                .body("call_id", equalTo(callId))
                .body("agent", equalTo("agent-intake"))
                .body("call.summary", equalTo("Guest booked a table for two."))
                .body("call.transcript[1].content", equalTo("I want to book a table for two."))
                .body("call.call_metadata.brand_id", equalTo(7));
    }

    @Test
    void theSameCallIdAgainAnswers200WithTheStoredCallAndQueuesNothing() {
        String callId = newCallId();
        as(token).body(call(callId, "agent-intake")).post("/api/v1/calls").then().statusCode(202);

        JsonPath repeat = as(token).body(call(callId, "agent-intake")).post("/api/v1/calls").then()
                .statusCode(200)
                .body("call_id", equalTo(callId))
                .body("call.summary", equalTo("Guest booked a table for two."))
                .extract().jsonPath();

        assertThat(repeat.getString("status")).isIn("queued", "processing", "completed");
        assertThat(database.countCalls(1, callId)).isEqualTo(1);
        // At most the first post's job: it is deleted once it finishes. JobQueueTest counts it with no worker running.
        assertThat(database.countJobs(1, callId)).isLessThanOrEqualTo(1);
    }

    @Test
    void callSidStandsInForCallId() {
        String callSid = newCallId();
        Map<String, Object> body = new HashMap<>(call("ignored", "agent-intake"));
        body.remove("call_id");
        body.put("callSid", callSid);

        as(token).body(body).post("/api/v1/calls").then().statusCode(202).body("call_id", equalTo(callSid));
        as(token).get("/api/v1/calls/{id}", callSid).then().statusCode(200).body("call.call_id", equalTo(callSid));
    }

    @Test
    void twentyConcurrentPostsOfOneCallIdStoreOneCall() throws Exception {
        String callId = newCallId();
        String body = "{\"call_id\": \"" + callId + "\", \"agent\": \"agent-concurrent\", \"summary\": \"same call\"}";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(callsUri)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService posters = Executors.newFixedThreadPool(20);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(posters.submit(() -> {
                start.await();
                return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            }));
        }
        start.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            codes.add(status.get());
        }
        posters.shutdown();

        assertThat(codes).filteredOn(code -> code == 202).hasSize(1);
        assertThat(codes).filteredOn(code -> code == 200).hasSize(19);
        assertThat(database.countCalls(1, callId)).isEqualTo(1);
        assertThat(database.countJobs(1, callId)).isLessThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"agent\": \"a\"}                                          | call_id",
            "{\"call_id\": \"\"}                                         | call_id",
            "{\"call_id\": {\"x\": 1}}                                   | call_id",
            "{\"call_id\": \"c\", \"call_duration\": -1}                 | call_duration",
            "{\"call_id\": \"c\", \"call_duration\": \"long\"}           | call_duration",
            "{\"call_id\": \"c\", \"transcript\": 42}                    | transcript",
            "{\"call_id\": \"c\", \"transcript\": [{\"role\": \"user\"}]} | transcript[0].content",
            "{\"call_id\": \"c\", \"transcript\": [\"hi\"]}              | transcript[0]",
            "{\"call_id\": \"c\", \"call_metadata\": \"vip\"}            | call_metadata",
            "{\"call_id\": \"c\", \"post_call\": [1]}                    | post_call",
            "{\"call_id\": \"c\", \"ended_at\": \"yesterday\"}           | ended_at",
            "{\"call_id\": \"c\", \"summary\": 5}                        | summary",
            "{\"call_id\": \"c\", \"agent\": true}                       | agent",
    })
    void invalidFieldsAreRejectedByName(String body, String field) {
        as(token).body(body).post("/api/v1/calls").then()
                .statusCode(400)
                .body("field", equalTo(field))
                .body("error", startsWith(field));
    }

    @Test
    void aBodyThatIsNotAnObjectIs400() {
        as(token).body("[1, 2]").post("/api/v1/calls").then()
                .statusCode(400)
                .body("error", equalTo("the call must be a JSON object"));
    }

    @Test
    void malformedJsonIs400() {
        as(token).body("{\"call_id\": \"c\", ").post("/api/v1/calls").then()
                .statusCode(400)
                .body("error", startsWith("malformed JSON: "));
    }

    @Test
    void aCallJustUnderTheBodyLimitIsAccepted() {
        String callId = newCallId();
        Map<String, Object> body = new HashMap<>(call(callId, "agent-large"));
        body.put("transcript", "x".repeat(5 * 1024 * 1024 - 1024));
        as(token).body(body).post("/api/v1/calls").then().statusCode(202);
    }

    @Test
    void aBodyOverFiveMegabytesIs413WithAJsonError() {
        String body = "{\"call_id\": \"big\", \"transcript\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        as(token).body(body).post("/api/v1/calls").then()
                .statusCode(413)
                .contentType(ContentType.JSON)
                .body("error", equalTo("request body too large: the limit is 5 MB"));
    }
}
