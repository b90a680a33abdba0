package dev.aftercall.server.function;

import static dev.aftercall.server.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.aftercall.server.auth.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a language model (the test profile configures none), "Generate with AI" says how to configure one. */
@QuarkusTest
class FunctionGenerateUnconfiguredTest {
    @Inject
    Tokens tokens;

    @Test
    void withoutAModelItIs503SayingHowToConfigureOne() {
        as(tokens.mint(1, null)).body(Map.of("prompt", "Schedule a callback 2 hours later", "mode", "advanced"))
                .post("/api/v1/functions/generate")
                .then().statusCode(503)
                .body("error", containsString("AFTERCALL_LLM_BASE_URL"))
                .body("error", containsString("AFTERCALL_LLM_API_KEY"));
    }

    @Test
    void badInputIsStill400() {
        as(tokens.mint(1, null)).body(Map.of("mode", "basic")).post("/api/v1/functions/generate")
                .then().statusCode(400).body("field", equalTo("prompt"));
    }
}
