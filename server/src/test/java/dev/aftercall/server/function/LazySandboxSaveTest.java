package dev.aftercall.server.function;

import static dev.aftercall.server.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Saving an advanced function starts the sandbox, so the calls that run it need not wait. */
@QuarkusTest
@TestProfile(LazySandboxSaveTest.Profile.class)
class LazySandboxSaveTest extends LazySandboxTest {
    public static class Profile extends FreshServer {
    }

    @Override
    void bringInAnAdvancedFunction() {
        as(token).body(advancedFunction())
                .post("/api/v1/functions").then().statusCode(201);
    }
}
