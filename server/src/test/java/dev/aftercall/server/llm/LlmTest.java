package dev.aftercall.server.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic chat used by extraction and "generate with AI", against the local OpenAI-compatible stub. */
@QuarkusTest
@QuarkusTestResource(value = OpenAiStubResource.class, restrictToAnnotatedClass = true)
class LlmTest {
    @Inject
    Llm llm;

    @Test
    void aFreeTextChatSendsNoResponseFormat() {
        OpenAiStub model = OpenAiStubResource.stub().answer(OpenAiStub.Reply.content("async function f(context) {}"));

        LlmReply reply = llm.chat(List.of(LlmMessage.system("You write functions."), LlmMessage.user("NDOA")),
                null, null);

        assertThat(llm.isConfigured()).isTrue();
        assertThat(reply.text()).isEqualTo("async function f(context) {}");
        assertThat(reply.truncated()).isFalse();
        assertThat(model.requests()).hasSize(1);
        assertThat(model.requests().get(0).has("response_format")).isFalse();
        assertThat(model.requests().get(0).path("messages").get(0).path("role").asText()).isEqualTo("system");
    }

    @Test
    void anAnswerCutAtTheTokenLimitIsMarkedTruncated() {
        OpenAiStubResource.stub().answer(OpenAiStub.Reply.truncated("{\"a\": "));

        assertThat(llm.chat(List.of(LlmMessage.user("x")), null, null).truncated()).isTrue();
    }

    @Test
    void aRefusedRequestFailsWithAMessageAndNoKey() {
        OpenAiStubResource.stub().answer(OpenAiStub.Reply.error(401));

        assertThatThrownBy(() -> llm.chat(List.of(LlmMessage.user("x")), null, null))
                .isInstanceOf(LlmUnavailableException.class)
                .hasMessageContaining("language model")
                .hasMessageNotContaining(OpenAiStubResource.API_KEY);
    }
}
