package dev.aftercall.server.function;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.http.StubTarget;
import dev.aftercall.server.support.Api;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GraalJS sandbox costs seconds of CPU and about 100 MB, so a server whose outlets have no advanced function
 * never builds it: not at startup, not for calls with no functions or only basic ones. Each subclass runs on a
 * freshly started server of its own (its own test profile) and ends by bringing in an advanced function one way.
 */
abstract class LazySandboxTest {
    static final long OUTLET = 67;

    @Inject
    AdvancedRunner advanced;

    @Inject
    TestDatabase database;

    @Inject
    Tokens tokens;

    String token;
    StubTarget crm;

    /** A server of its own: the sandbox, once built, stays built for every later test on the same server. */
    public static class FreshServer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aftercall.functions.warm-at-startup", "false");
        }
    }

    @BeforeEach
    void setUp() {
        database.ensureOutlet(OUTLET, "LazySandboxTest");
        token = tokens.mint(OUTLET, null);
        crm = StubTarget.start().answer(StubTarget.Answer.json(200, "{\"id\":\"crm-5\"}"));
    }

    @AfterEach
    void tearDown() {
        crm.close();
    }

    /** What brings the first advanced function in; the sandbox must be started once it returns. */
    abstract void bringInAnAdvancedFunction();

    @Test
    void sandboxIsBuiltOnlyOnceAnAdvancedFunctionComesIn() {
        assertThat(advanced.sandboxStarted()).as("after startup with no advanced function").isFalse();

        Api.awaitFinished(token, postCall()).body("status", equalTo("completed")).body("functions", hasSize(0));
        assertThat(advanced.sandboxStarted()).as("after a call with no functions").isFalse();

        Map<String, Object> basic = new HashMap<>(FunctionApiTest.basic("crm_lazy", crm.url("/leads/{lead_id}")));
        basic.remove("agents");
        as(token).body(basic).post("/api/v1/functions").then().statusCode(201);
        Api.awaitFinished(token, postCall()).body("status", equalTo("completed"))
                .body("functions.status", contains("succeeded"));
        assertThat(crm.requests()).hasSize(1);
        assertThat(advanced.sandboxStarted()).as("after a call with a basic function only").isFalse();

        bringInAnAdvancedFunction();
        assertThat(advanced.sandboxStarted()).isTrue();
    }

    String postCall() {
        String callId = Api.newCallId();
        as(token).body(Map.of("call_id", callId, "agent", "agent-lazy", "call_duration", 30,
                        "call_metadata", Map.of("lead_id", "L-1"), "post_call", Map.of("interested", true)))
                .post("/api/v1/calls").then().statusCode(202);
        return callId;
    }

    /** An advanced function as the API takes it, for an agent no call has. */
    static Map<String, Object> advancedFunction() {
        return FunctionApiTest.advanced("lazy_" + UUID.randomUUID().toString().substring(0, 8));
    }
}
