package dev.aftercall.server.function;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.flow.FlowRunFixtures;
import dev.aftercall.server.http.StubTarget;
import dev.aftercall.server.pipeline.CallWork;
import dev.aftercall.server.support.Api;
import dev.aftercall.server.support.Eventually;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A posted call runs the outlet's enabled functions in order; each outcome is saved on the call. */
@QuarkusTest
class FunctionPipelineTest {
    /** Its own outlet: functions and variables are outlet-wide, so other tests' calls must not meet them. */
    static final long OUTLET = 65;

    @Inject
    TestDatabase database;

    @Inject
    Tokens tokens;

    @Inject
    FunctionStage stage;

    @Inject
    FlowRunFixtures fixtures;

    String token;
    String agent;
    StubTarget crm;

    @BeforeEach
    void setUp() {
        database.ensureOutlet(OUTLET, "FunctionPipelineTest");
        token = tokens.mint(OUTLET, null);
        agent = "functions-" + UUID.randomUUID();
        crm = StubTarget.start().answer(StubTarget.Answer.json(200, "{\"id\":\"crm-9\"}"));
    }

    @AfterEach
    void tearDown() {
        crm.close();
    }

    private int save(Map<String, Object> function) {
        Map<String, Object> body = new HashMap<>(function);
        body.put("agents", List.of(agent));
        return as(token).body(body).post("/api/v1/functions").then().statusCode(201).extract().path("id");
    }

    private int saveAdvanced(String name, String body, int order) {
        String code = "async function " + name + "(context) {\n" + body + "\n}\n";
        return save(Map.of("name", name + "_" + agent.substring(10, 18), "mode", "advanced",
                "code", code.replace("function " + name + "(", "function " + name + "_" + agent.substring(10, 18) + "("),
                "order", order));
    }

    private String postCall(long duration) {
        return postCall(duration, agent);
    }

    private String postCall(long duration, String agent) {
        String callId = "call-" + UUID.randomUUID();
        Map<String, Object> call = new HashMap<>();
        call.put("call_id", callId);
        call.put("agent", agent);
        call.put("call_duration", duration);
        call.put("hangup_reason", "USER_HANGUP");
        call.put("call_metadata", Map.of("lead_id", "L-7"));
        call.put("post_call", Map.of("interested", true, "call_status", "warm"));
        as(token).body(call).post("/api/v1/calls").then().statusCode(202);
        return callId;
    }

    @Test
    void functionsRunInOrderEachSeeingThePreviousOnesChangesAndTheCallKeepsThem() {
        saveAdvanced("second", "context.post_call.doubled = context.post_call.score * 2;\n"
                + "context.conversion_status = true;", 2);
        saveAdvanced("first", "context.post_call.score = 21;\nconsole.log('scored');", 1);
        Map<String, Object> basic = new HashMap<>(FunctionApiTest.basic("crm_" + agent.substring(10, 18),
                crm.url("/leads/{lead_id}/update")));
        basic.put("order", 3);
        save(basic);

        String callId = postCall(40);

        Api.awaitFinished(token, callId)
                .body("status", equalTo("completed"))
                .body("post_call.score", equalTo(21))
                .body("post_call.doubled", equalTo(42))
                .body("post_call.crm_id", equalTo("crm-9"))
                .body("post_call.interested", equalTo(true))
                .body("conversion_status", equalTo(true))
                .body("functions", hasSize(3))
                .body("functions.status", contains("succeeded", "succeeded", "succeeded"))
                .body("functions[0].console", contains("scored"))
                .body("functions[0].duration_ms", notNullValue())
                .body("functions[2].requests[0].status", equalTo(200))
                .body("functions_called", hasSize(1))
                .body("functions_called[0]", aMapWithSize(5))
                .body("functions_called[0].success", equalTo(true))
                .body("functions_called[0].timestamp", matchesPattern("\\d{4}-.*Z"));
        assertThat(crm.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/leads/L-7/update");
            assertThat(r.header("Idempotency-Key")).startsWith(callId + ":function:").endsWith(":request");
        });
    }

    @Test
    void callsWaitingOnASlowFunctionTargetLeaveThreadsForTheOtherCalls() throws Exception {
        int jobThreads = ConfigProvider.getConfig().getValue("aftercall.jobs.threads", Integer.class);
        CountDownLatch answer = new CountDownLatch(1);
        StubTarget slow = StubTarget.start().answer(request -> {
            try {
                answer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return StubTarget.Answer.json(200, "{\"id\":\"crm-late\"}");
        });
        try {
            save(FunctionApiTest.basic("slow_" + agent.substring(10, 18), slow.url("/leads/{lead_id}/update")));
            List<String> waiting = new ArrayList<>();
            for (int i = 0; i <= jobThreads; i++) {
                waiting.add(postCall(40));
            }
            // More calls wait on the target at once than the job pool keeps threads: each wait got a stand-in.
            Eventually.await(Duration.ofSeconds(20), () -> slow.requests().size(), n -> n == jobThreads + 1);

            String other = postCall(40, "no-functions-" + UUID.randomUUID());
            Api.awaitFinished(token, other).body("status", equalTo("completed"));
            assertThat(answer.getCount()).as("the other call finished while the slow target held its answers")
                    .isEqualTo(1);

            answer.countDown();
            for (String callId : waiting) {
                Api.awaitFinished(token, callId)
                        .body("status", equalTo("completed"))
                        .body("post_call.crm_id", equalTo("crm-late"));
            }
        } finally {
            answer.countDown();
            slow.close();
        }
    }

    @Test
    void aFailingFunctionIsRecordedAndTheOthersStillRun() {
        saveAdvanced("boom", "throw new Error('CRM is down');", 1);
        saveAdvanced("spin", "while (true) {}", 2);
        saveAdvanced("after", "context.disposition_reason = 'handled';", 3);

        String callId = postCall(40);

        Api.awaitFinished(token, callId)
                .body("status", equalTo("completed"))
                .body("functions.status", contains("failed", "failed", "succeeded"))
                .body("functions[0].error", containsString("CRM is down"))
                .body("functions[1].error", containsString("limit"))
                .body("disposition_reason", equalTo("handled"));
    }

    @Test
    void aSkippedBasicFunctionIsRecordedWithItsReason() {
        save(FunctionApiTest.basic("connectedOnly_" + agent.substring(10, 18), crm.url("/x/{{lead_id}}")));

        String callId = postCall(0);

        Api.awaitFinished(token, callId)
                .body("functions.status", contains("skipped"))
                .body("functions[0].error", containsString("connected"))
                .body("functions_called", org.hamcrest.Matchers.nullValue());
        assertThat(crm.requests()).isEmpty();
    }

    @Test
    void runningTheStageAgainRepeatsNoFinishedFunction() {
        Map<String, Object> basic = new HashMap<>(FunctionApiTest.basic("once_" + agent.substring(10, 18),
                crm.url("/leads/{{lead_id}}")));
        save(basic);
        saveAdvanced("append", "context.functions_called.push({name: 'append', parameters: {}, success: true,"
                + " response: null, timestamp: new Date().toISOString()});", 5);
        String callId = postCall(40);
        Api.awaitFinished(token, callId).body("functions", hasSize(2)).body("functions_called", hasSize(2));

        CallWork work = fixtures.work(OUTLET, callId);
        stage.run(work).toCompletableFuture().join();
        stage.run(work).toCompletableFuture().join();

        as(token).get("/api/v1/calls/{id}", callId).then()
                .body("functions", hasSize(2))
                .body("functions_called", hasSize(2));
        assertThat(crm.requests()).hasSize(1);
    }

    @Test
    void flowsRunAfterFunctionsAndSeeWhatTheyChanged() {
        saveAdvanced("escalate", "context.disposition_reason = 'escalated';\n"
                + "context.post_call.ticket_subject = 'Lead ' + context.call_metadata.lead_id;", 1);
        String flow = """
                {"name": "ticket %s", "agents": ["%s"],
                 "nodes": [{"id": "start", "type": "start"},
                           {"id": "escalated", "type": "decision", "default_port": "no",
                            "branches": [{"port": "yes", "match": "all", "conditions": [
                              {"left": "{{interaction.DISPOSITION}}", "operator": "==", "right": "escalated"}]}]},
                           {"id": "ticket", "type": "api_request", "method": "POST", "url": "%s",
                            "body": {"subject": "{{post_call.ticket_subject}}"}}],
                 "edges": [{"from": "start", "to": "escalated"},
                           {"from": "escalated", "port": "yes", "to": "ticket"}]}
                """.formatted(agent, agent, crm.url("/tickets"));
        int flowId = as(token).body(flow).post("/api/v1/flows").then().statusCode(201).extract().path("id");
        as(token).post("/api/v1/flows/{id}/publish", flowId).then().statusCode(200);

        String callId = postCall(40);

        Api.awaitFinished(token, callId)
                .body("status", equalTo("completed"))
                .body("disposition_reason", equalTo("escalated"))
                .body("flow_runs[0].steps.node", contains("start", "escalated", "ticket"));
        assertThat(crm.requests("/tickets")).singleElement()
                .satisfies(r -> assertThat(r.body()).isEqualTo("{\"subject\":\"Lead L-7\"}"));
    }

    @Test
    void aDisabledFunctionOrOneForAnotherAgentDoesNotRun() {
        String suffix = agent.substring(10, 18);
        save(Map.of("name", "off_" + suffix, "mode", "advanced", "enabled", false,
                "code", "async function off_" + suffix + "(context) { context.post_call.off = true; }"));
        as(token).body(Map.of("name", "elsewhere_" + suffix, "mode", "advanced", "agents", List.of("someone-else"),
                        "code", "async function elsewhere_" + suffix + "(context) { context.post_call.x = 1; }"))
                .post("/api/v1/functions").then().statusCode(201);

        String callId = postCall(40);

        Api.awaitFinished(token, callId).body("status", equalTo("completed")).body("functions", empty());
    }
}
