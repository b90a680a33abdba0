package dev.aftercall.engine.http;

import java.io.IOException;

/**
 * The request was not sent because its target is not allowed (a loopback, private, link-local or metadata address,
 * or a scheme other than http/https). Never retried: asking again cannot change the answer.
 */
public class OutboundBlockedException extends IOException {
    public OutboundBlockedException(String message) {
        super(message);
    }
}
