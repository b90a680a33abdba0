package dev.aftercall.server.llm;

/**
 * The model gave no answer: not configured, unreachable after the retries, too slow, or refusing the request. The
 * message says which, in words safe to show a user (never the API key).
 */
public class LlmUnavailableException extends RuntimeException {
    public LlmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
