package dev.aftercall.server.llm;

/**
 * One message of a chat with the language model.
 *
 * @param role who says it
 * @param text what is said
 */
public record LlmMessage(Role role, String text) {
    /** The OpenAI chat roles Aftercall uses. */
    public enum Role {
        SYSTEM,
        USER,
        /** The model's own earlier answer, sent back in a repair request. */
        ASSISTANT
    }

    public static LlmMessage system(String text) {
        return new LlmMessage(Role.SYSTEM, text);
    }

    public static LlmMessage user(String text) {
        return new LlmMessage(Role.USER, text);
    }

    public static LlmMessage assistant(String text) {
        return new LlmMessage(Role.ASSISTANT, text);
    }
}
