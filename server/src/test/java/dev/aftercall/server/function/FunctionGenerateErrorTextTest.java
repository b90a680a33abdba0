package dev.aftercall.server.function;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The 502 of "Generate with AI" passes the model's reason on, but never a key the provider echoed in it. */
class FunctionGenerateErrorTextTest {
    @Test
    void aKeyEchoedByTheProviderIsRedacted() {
        String openAi = "the language model refused the request: Incorrect API key provided: sk-proj-abc1****wxyz. "
                + "You can find your API key at https://platform.openai.com/account/api-keys.";
        String shown = FunctionResource.withoutKeys(openAi);
        assertThat(shown).doesNotContain("sk-proj").doesNotContain("wxyz").contains("Incorrect API key provided");
        assertThat(FunctionResource.withoutKeys("stub error 401 for key_live_12345678"))
                .isEqualTo("stub error 401 for [redacted]");
        assertThat(FunctionResource.withoutKeys("timeout after 1500ms")).isEqualTo("timeout after 1500ms");
    }
}
