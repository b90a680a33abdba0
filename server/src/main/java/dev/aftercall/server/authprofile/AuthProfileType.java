package dev.aftercall.server.authprofile;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fields each kind of auth profile takes, in the API's names. {@code shown} fields are returned by the API;
 * every other field is a secret and is only ever reported as configured. The API says {@code key_name} for an API
 * key's header or parameter name, because {@code name} is the profile's own name.
 */
enum AuthProfileType {
    BEARER("bearer", List.of("token"), List.of(), List.of()),
    BASIC("basic", List.of("username", "password"), List.of(), List.of("username")),
    API_KEY("api_key", List.of("value"), List.of("in", "key_name"), List.of("in", "key_name")),
    OAUTH2_CLIENT_CREDENTIALS("oauth2_client_credentials", List.of("token_url", "client_id", "client_secret"),
            List.of("scope", "audience"), List.of("token_url", "client_id", "scope", "audience")),
    MTLS("mtls", List.of("certificate", "private_key"), List.of(), List.of());

    final String wireName;
    final List<String> required;
    final List<String> optional;
    final List<String> shown;

    AuthProfileType(String wireName, List<String> required, List<String> optional, List<String> shown) {
        this.wireName = wireName;
        this.required = required;
        this.optional = optional;
        this.shown = shown;
    }

    static Optional<AuthProfileType> of(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }

    static String allowed() {
        return Arrays.stream(values()).map(t -> t.wireName).collect(Collectors.joining(", "));
    }

    boolean accepts(String field) {
        return required.contains(field) || optional.contains(field);
    }

    /** The engine's field name for an API field (the engine's {@code ApiKey} calls the key name {@code name}). */
    static String engineField(String apiField) {
        return "key_name".equals(apiField) ? "name" : apiField;
    }

    static String apiField(String engineField) {
        return "name".equals(engineField) ? "key_name" : engineField;
    }
}
