package dev.aftercall.server.llm;

/**
 * What the model answered.
 *
 * @param text      the answer's text; may be empty, and is not checked against the schema (the caller does that)
 * @param truncated the model stopped at its token limit, so the text is likely cut off
 * @param attempts  how many requests it took (more than one after transport errors)
 * @param model     the model that answered
 */
public record LlmReply(String text, boolean truncated, int attempts, String model) {
}
