package dev.aftercall.server.llm;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts the {@link OpenAiStub} and points the service's language model at it, with a short timeout and two
 * attempts so slow-answer tests stay quick. Test classes reach the stub through {@link #stub()}.
 */
public class OpenAiStubResource implements QuarkusTestResourceLifecycleManager {
    public static final String API_KEY = "sk-test-stub-key";
    private static volatile OpenAiStub stub;

    public static OpenAiStub stub() {
        return stub;
    }

    @Override
    public Map<String, String> start() {
        stub = OpenAiStub.start();
        return Map.of(
                "aftercall.llm.base-url", stub.baseUrl(),
                "aftercall.llm.api-key", API_KEY,
                "quarkus.langchain4j.openai.base-url", stub.baseUrl(),
                "quarkus.langchain4j.openai.api-key", API_KEY,
                "quarkus.langchain4j.openai.timeout", "1500ms",
                "aftercall.llm.max-attempts", "2");
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
