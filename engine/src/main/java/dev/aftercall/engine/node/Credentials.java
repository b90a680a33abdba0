package dev.aftercall.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftercall.engine.auth.AuthProfile;
import dev.aftercall.engine.http.HttpPort;
import dev.aftercall.engine.http.OutboundRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an auth profile adds to a request: headers, query parameters or a client certificate. OAuth2 client
 * credentials tokens are fetched through the same {@link HttpPort} and cached until shortly before they expire.
 */
final class Credentials {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long EXPIRY_MARGIN_SECONDS = 30;
    private static final Map<String, CachedToken> TOKENS = new ConcurrentHashMap<>();

    final List<Map.Entry<String, String>> headers;
    final List<Map.Entry<String, String>> query;
    final OutboundRequest.ClientCertificate certificate;

    private Credentials(List<Map.Entry<String, String>> headers, List<Map.Entry<String, String>> query,
                        OutboundRequest.ClientCertificate certificate) {
        this.headers = headers;
        this.query = query;
        this.certificate = certificate;
    }

    static final Credentials NONE = new Credentials(List.of(), List.of(), null);

    static CompletionStage<Credentials> of(AuthProfile profile, HttpPort http, Clock clock) {
        if (profile == null) {
            return CompletableFuture.completedFuture(NONE);
        }
        // Java 17: no pattern matching in switch yet, so an instanceof chain over the sealed type.
        if (profile instanceof AuthProfile.Bearer b) {
            return done(header("Authorization", "Bearer " + b.token()));
        }
        if (profile instanceof AuthProfile.Basic b) {
            return done(header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (b.username() + ":" + b.password()).getBytes(StandardCharsets.UTF_8))));
        }
        if (profile instanceof AuthProfile.ApiKey k) {
            return done("query".equalsIgnoreCase(k.in())
                    ? new Credentials(List.of(), List.of(Map.entry(k.name(), k.value())), null)
                    : header(k.name(), k.value()));
        }
        if (profile instanceof AuthProfile.MutualTls m) {
            return done(new Credentials(List.of(), List.of(),
                    new OutboundRequest.ClientCertificate(m.certificate(), m.privateKey())));
        }
        AuthProfile.OAuth2ClientCredentials o = (AuthProfile.OAuth2ClientCredentials) profile;
        return token(o, http, clock).thenApply(token -> header("Authorization", "Bearer " + token));
    }

    private static CompletionStage<String> token(AuthProfile.OAuth2ClientCredentials o, HttpPort http, Clock clock) {
        String key = o.tokenUrl() + "|" + o.clientId() + "|" + o.scope() + "|" + o.audience();
        CachedToken cached = TOKENS.get(key);
        if (cached != null && cached.validUntil.isAfter(clock.instant())) {
            return CompletableFuture.completedFuture(cached.token);
        }
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        appendForm(form, "client_id", o.clientId());
        appendForm(form, "client_secret", o.clientSecret());
        appendForm(form, "scope", o.scope());
        appendForm(form, "audience", o.audience());
        OutboundRequest request = new OutboundRequest("POST", URI.create(o.tokenUrl()),
                List.of(Map.entry("Content-Type", "application/x-www-form-urlencoded"),
                        Map.entry("Accept", "application/json")),
                form.toString().getBytes(StandardCharsets.UTF_8), 10_000, null);
        return http.send(request).thenApply(response -> {
            if (response.status() / 100 != 2) {
                throw new CompletionException(new IOException(
                        "OAuth2 token endpoint answered HTTP " + response.status()));
            }
            try {
                JsonNode body = MAPPER.readTree(response.body());
                String token = body.path("access_token").asText(null);
                if (token == null) {
                    throw new IOException("OAuth2 token endpoint answered without access_token");
                }
                long expiresIn = body.path("expires_in").asLong(300);
                TOKENS.put(key, new CachedToken(token,
                        clock.instant().plusSeconds(Math.max(0, expiresIn - EXPIRY_MARGIN_SECONDS))));
                return token;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    private static void appendForm(StringBuilder form, String name, String value) {
        if (value != null && !value.isBlank()) {
            form.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static Credentials header(String name, String value) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry(name, value));
        return new Credentials(headers, List.of(), null);
    }

    private static CompletionStage<Credentials> done(Credentials credentials) {
        return CompletableFuture.completedFuture(credentials);
    }

    /** OAuth2 access tokens are secrets too: the trace must mask them. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        headers.forEach(h -> secrets.add(h.getValue().replaceFirst("^(Bearer|Basic) ", "")));
        query.forEach(q -> secrets.add(q.getValue()));
        return secrets;
    }

    private record CachedToken(String token, Instant validUntil) {
    }
}
