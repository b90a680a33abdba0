package dev.aftercall.server.intake;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads one platform's webhook body. Tolerant: an absent or oddly typed field is left out of the call rather than
 * failing the delivery; only a missing call id makes an end-of-call event unusable ({@link UnusablePayload}).
 * Pure: no I/O, so the golden tests of {@code flows-examples/intake/} run without a server.
 */
public interface PlatformMapper {
    PlatformEvent map(JsonNode body);

    /** The body is an end-of-call event but cannot become a call (no call id); answered 400. */
    final class UnusablePayload extends RuntimeException {
        private final String field;

        public UnusablePayload(String message, String field) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
