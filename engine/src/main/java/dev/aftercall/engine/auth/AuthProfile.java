package dev.aftercall.engine.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Reusable credentials an API Request node names by {@code auth_profile}. Every secret-bearing record
 * overrides {@code toString()} so a secret can never reach a log line by accident; {@link #secrets()} lists
 * the values a trace must redact.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AuthProfile.Bearer.class, name = "bearer"),
    @JsonSubTypes.Type(value = AuthProfile.Basic.class, name = "basic"),
    @JsonSubTypes.Type(value = AuthProfile.ApiKey.class, name = "api_key"),
    @JsonSubTypes.Type(value = AuthProfile.OAuth2ClientCredentials.class, name = "oauth2_client_credentials"),
    @JsonSubTypes.Type(value = AuthProfile.MutualTls.class, name = "mtls")
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface AuthProfile {

    /** Secret values to redact wherever a request is recorded. */
    List<String> secrets();

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Bearer(String token) implements AuthProfile {
        public List<String> secrets() {
            return List.of(token);
        }

        @Override
        public String toString() {
            return "Bearer[redacted]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Basic(String username, String password) implements AuthProfile {
        public List<String> secrets() {
            return List.of(password, java.util.Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "Basic[" + username + ", redacted]";
        }
    }

    /** An API key sent in a header (default {@code X-API-Key}) or a query parameter. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ApiKey(@JsonProperty("in") String in, String name, String value) implements AuthProfile {
        public ApiKey {
            in = in == null ? "header" : in;
            name = name == null || name.isBlank() ? "X-API-Key" : name;
        }

        public List<String> secrets() {
            return List.of(value);
        }

        @Override
        public String toString() {
            return "ApiKey[" + in + ":" + name + ", redacted]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OAuth2ClientCredentials(
            @JsonProperty("token_url") String tokenUrl,
            @JsonProperty("client_id") String clientId,
            @JsonProperty("client_secret") String clientSecret,
            String scope,
            String audience) implements AuthProfile {
        public List<String> secrets() {
            return List.of(clientSecret);
        }

        @Override
        public String toString() {
            return "OAuth2ClientCredentials[" + tokenUrl + ", " + clientId + ", redacted]";
        }
    }

    /** A PEM client certificate chain and key for mutual TLS. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MutualTls(String certificate, @JsonProperty("private_key") String privateKey) implements AuthProfile {
        public List<String> secrets() {
            return List.of(privateKey);
        }

        @Override
        public String toString() {
            return "MutualTls[redacted]";
        }
    }
}
