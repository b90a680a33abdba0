package dev.aftercall.server.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.job.JobThreads;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configured language model, OpenAI-compatible (OpenAI, Azure OpenAI, vLLM, Ollama's /v1, LiteLLM, ...),
 * through quarkus-langchain4j. Configured by {@code AFTERCALL_LLM_BASE_URL}, {@code AFTERCALL_LLM_API_KEY} and
 * {@code AFTERCALL_LLM_MODEL} (default {@code gpt-4o}, the model seed 004 names); with neither a base URL nor a key
 * set there is no model ({@link #isConfigured()} is false) and callers use what they can do without one (the
 * embedded extractor). Generic on purpose: extraction and the functions' "generate with AI" both ask through
 * {@link #chat}.
 *
 * <p>Every request has the configured timeout; transport errors, timeouts, 429 and 5xx are retried with a short
 * backoff, up to {@code aftercall.llm.max-attempts}; a refused request (401, 400, unknown model) is not.
 */
@ApplicationScoped
public class Llm {
    private static final Logger LOG = Logger.getLogger(Llm.class);

    /** A client proxy: the model is built on first use, so an unconfigured service never builds one. */
    private final ChatModel model;
    private final boolean configured;
    private final String modelName;
    private final int maxAttempts;
    private final Duration backoff;

    public Llm(ChatModel model,
               @ConfigProperty(name = "aftercall.llm.base-url") Optional<String> baseUrl,
               @ConfigProperty(name = "aftercall.llm.api-key") Optional<String> apiKey,
               @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.model-name") String modelName,
               @ConfigProperty(name = "aftercall.llm.max-attempts", defaultValue = "3") int maxAttempts,
               @ConfigProperty(name = "aftercall.llm.retry-backoff", defaultValue = "500ms") Duration backoff) {
        this.model = model;
        this.configured = present(baseUrl) || present(apiKey);
        this.modelName = modelName;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.backoff = backoff;
    }

    /** Whether a model is configured; without one, {@link #chat} always fails. */
    public boolean isConfigured() {
        return configured;
    }

    /** The configured model's name, e.g. {@code gpt-4o}. */
    public String modelName() {
        return modelName;
    }

    /**
     * Sends one chat and returns the answer's text.
     *
     * @param schemaName a name for the schema in OpenAI's {@code response_format}; null with {@code jsonSchema}
     * @param jsonSchema the JSON Schema the answer must follow (structured output, strict); null for free text
     * @throws LlmUnavailableException when no answer came after the retries
     */
    public LlmReply chat(List<LlmMessage> messages, String schemaName, ObjectNode jsonSchema) {
        if (!configured) {
            throw new LlmUnavailableException("no language model configured (AFTERCALL_LLM_BASE_URL / "
                    + "AFTERCALL_LLM_API_KEY)", null);
        }
        ChatRequest request = request(messages, schemaName, jsonSchema);
        try (JobThreads.Waiting ignored = JobThreads.waiting()) { // the requests and the pauses between them
            return chat(request);
        }
    }

    private LlmReply chat(ChatRequest request) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                ChatResponse response = model.chat(request);
                String text = response.aiMessage() == null ? null : response.aiMessage().text();
                return new LlmReply(text == null ? "" : text, response.finishReason() == FinishReason.LENGTH,
                        attempt, modelName);
            } catch (NonRetriableException refused) {
                throw new LlmUnavailableException("the language model refused the request: "
                        + reason(refused), refused);
            } catch (RuntimeException e) {
                last = e;
                LOG.debugf("language model request %d of %d failed: %s", attempt, maxAttempts, reason(e));
                if (attempt < maxAttempts) {
                    pause(backoff.multipliedBy(1L << (attempt - 1)));
                }
            }
        }
        throw new LlmUnavailableException("the language model did not answer after " + maxAttempts
                + " attempts: " + reason(last), last);
    }

    private static ChatRequest request(List<LlmMessage> messages, String schemaName, ObjectNode jsonSchema) {
        List<ChatMessage> chat = new ArrayList<>();
        for (LlmMessage message : messages) {
            chat.add(switch (message.role()) {
                case SYSTEM -> SystemMessage.from(message.text());
                case USER -> UserMessage.from(message.text());
                case ASSISTANT -> AiMessage.from(message.text());
            });
        }
        ChatRequest.Builder request = ChatRequest.builder().messages(chat);
        if (jsonSchema != null) {
            request.responseFormat(ResponseFormat.builder()
                    .type(ResponseFormatType.JSON)
                    .jsonSchema(JsonSchema.builder()
                            .name(schemaName == null ? "answer" : schemaName)
                            .rootElement(JsonRawSchema.from(jsonSchema.toString()))
                            .build())
                    .build());
        }
        return request.build();
    }

    /** The innermost message: the client wraps transport errors several times. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmUnavailableException("interrupted while waiting to retry", e);
        }
    }

    private static boolean present(Optional<String> value) {
        return value.map(String::isBlank).map(blank -> !blank).orElse(false);
    }
}
