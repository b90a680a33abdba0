package dev.aftercall.engine.http;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request ready to send: URL with query already encoded, headers in order, body bytes (may be empty),
 * a timeout, and the client certificate when the auth profile is mTLS.
 */
public record OutboundRequest(
        String method,
        URI uri,
        List<Map.Entry<String, String>> headers,
        byte[] body,
        long timeoutMs,
        ClientCertificate clientCertificate) {

    public OutboundRequest {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** A PEM certificate chain and its PEM private key, for APIs that require mutual TLS. */
    public record ClientCertificate(String certificatePem, String privateKeyPem) {
        @Override
        public String toString() {
            return "ClientCertificate[redacted]";
        }
    }
}
