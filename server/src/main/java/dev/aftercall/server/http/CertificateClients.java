package dev.aftercall.server.http;

import dev.aftercall.engine.http.OutboundRequest.ClientCertificate;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Web Client per mTLS client certificate, because Vert.x binds the key material to a client, not to a
 * request. Clients are keyed by a hash of the PEMs (so no secret is a map key) and the least recently used is
 * retired when too many exist, after a grace period that lets its in-flight requests finish.
 */
final class CertificateClients {
    private static final int MAX_CLIENTS = 64;
    private static final long RETIRE_AFTER_MS = 5 * 60_000;

    private final Vertx vertx;
    private final WebClientOptions baseOptions;
    private final Map<String, WebClient> clients = new LinkedHashMap<>(16, 0.75f, true);

    CertificateClients(Vertx vertx, WebClientOptions baseOptions) {
        this.vertx = vertx;
        this.baseOptions = baseOptions;
    }

    synchronized WebClient forCertificate(ClientCertificate certificate) {
        String key = fingerprint(certificate);
        WebClient existing = clients.get(key);
        if (existing != null) {
            return existing;
        }
        PemKeyCertOptions pem = new PemKeyCertOptions()
                .setCertValue(Buffer.buffer(certificate.certificatePem()))
                .setKeyValue(Buffer.buffer(certificate.privateKeyPem()));
        WebClient created = WebClient.create(vertx, new WebClientOptions(baseOptions).setKeyCertOptions(pem));
        clients.put(key, created);
        if (clients.size() > MAX_CLIENTS) {
            var eldest = clients.entrySet().iterator().next();
            clients.remove(eldest.getKey());
            WebClient retired = eldest.getValue();
            vertx.setTimer(RETIRE_AFTER_MS, id -> retired.close());
        }
        return created;
    }

    synchronized void closeAll() {
        clients.values().forEach(WebClient::close);
        clients.clear();
    }

    private static String fingerprint(ClientCertificate certificate) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(certificate.certificatePem().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(certificate.privateKeyPem().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
