package dev.aftercall.server.function;

import static dev.aftercall.server.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/** Running an advanced function that is not saved (the editor's test run) builds the sandbox it needs. */
@QuarkusTest
@TestProfile(LazySandboxRunTest.Profile.class)
class LazySandboxRunTest extends LazySandboxTest {
    public static class Profile extends FreshServer {
    }

    @Override
    void bringInAnAdvancedFunction() {
        as(token).body(Map.of("function", advancedFunction(),
                        "context", FunctionTestEndpointTest.context(30, false)))
                .post("/api/v1/functions/test").then().statusCode(200).body("status", equalTo("succeeded"));
    }
}
