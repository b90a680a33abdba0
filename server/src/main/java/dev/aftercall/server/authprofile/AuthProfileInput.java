package dev.aftercall.server.authprofile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.json.Json;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An auth profile as the API receives it, checked: the profile's name, its type and its fields in the API's
 * names. Problems are reported one at a time, naming the field, e.g. {@code "token is required for a bearer
 * profile"}.
 */
record AuthProfileInput(String name, AuthProfileType type, Map<String, String> fields) {
    static final int MAX_NAME_LENGTH = 100;
    /** What the API answers and a client may send back unchanged; never stored. */
    private static final Set<String> READ_ONLY = Set.of("id", "configured_fields", "created_at", "updated_at",
            "certificate_subject", "certificate_expires_at");

    /** A new profile: everything comes from the body. */
    static AuthProfileInput create(JsonNode body) {
        ObjectNode object = requireObject(body);
        AuthProfileType type = type(object.get("type"));
        return new AuthProfileInput(name(object.get("name")), type, fields(object, type, new LinkedHashMap<>()));
    }

    /**
     * A change to {@code stored}: fields left out keep their stored values, so a secret need not be typed again
     * to rename a profile; a field set to null is removed. A different type starts from an empty profile.
     */
    static AuthProfileInput update(JsonNode body, AuthProfileInput stored) {
        ObjectNode object = requireObject(body);
        AuthProfileType type = object.hasNonNull("type") ? type(object.get("type")) : stored.type;
        String name = object.has("name") ? name(object.get("name")) : stored.name;
        Map<String, String> base = type == stored.type ? new LinkedHashMap<>(stored.fields) : new LinkedHashMap<>();
        return new AuthProfileInput(name, type, fields(object, type, base));
    }

    /** Checks required fields and their formats; {@code certificates} loads mTLS pairs. */
    AuthProfileInput validated(ClientCertificateCheck certificates) {
        for (String field : type.required) {
            String value = fields.get(field);
            if (value == null || value.isBlank()) {
                throw ApiException.badRequest(field + " is required for a " + type.wireName + " profile", field);
            }
        }
        switch (type) {
            case API_KEY -> {
                String in = fields.getOrDefault("in", "header");
                if (!in.equals("header") && !in.equals("query")) {
                    throw ApiException.badRequest("in must be header or query", "in");
                }
                String keyName = fields.get("key_name");
                if (in.equals("query") && (keyName == null || keyName.isBlank())) {
                    throw ApiException.badRequest("key_name (the query parameter's name) is required when in is "
                            + "query", "key_name");
                }
            }
            case OAUTH2_CLIENT_CREDENTIALS -> checkTokenUrl(fields.get("token_url"));
            case MTLS -> certificates.check(fields.get("certificate"), fields.get("private_key"));
            default -> {
            }
        }
        return this;
    }

    /** The engine's {@code AuthProfile} JSON: what is encrypted and stored. */
    ObjectNode engineJson() {
        ObjectNode out = Json.object();
        out.put("type", type.wireName);
        fields.forEach((field, value) -> out.put(AuthProfileType.engineField(field), value));
        return out;
    }

    /** Reads back what {@link #engineJson()} wrote. */
    static AuthProfileInput fromEngineJson(String name, JsonNode engine) {
        AuthProfileType type = AuthProfileType.of(engine.path("type").asText())
                .orElseThrow(() -> new IllegalStateException("stored auth profile has an unknown type"));
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = engine.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("type") && field.getValue().isTextual()) {
                fields.put(AuthProfileType.apiField(field.getKey()), field.getValue().textValue());
            }
        }
        return new AuthProfileInput(name, type, fields);
    }

    /** Never prints field values: some are secrets. */
    @Override
    public String toString() {
        return "AuthProfileInput[" + name + ", " + type.wireName + ", fields=" + fields.keySet() + "]";
    }

    private static ObjectNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object with name, type and the type's fields",
                    null);
        }
        return (ObjectNode) body;
    }

    private static String name(JsonNode node) {
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw ApiException.badRequest("name is required: the name API Request nodes use in auth_profile",
                    "name");
        }
        String name = node.textValue().strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw ApiException.badRequest("name is longer than " + MAX_NAME_LENGTH + " characters", "name");
        }
        return name;
    }

    private static AuthProfileType type(JsonNode node) {
        String given = node == null || !node.isTextual() ? null : node.textValue();
        return AuthProfileType.of(given).orElseThrow(() -> ApiException.badRequest(
                "type must be one of " + AuthProfileType.allowed(), "type"));
    }

    private static Map<String, String> fields(ObjectNode body, AuthProfileType type, Map<String, String> base) {
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = entry.getKey();
            JsonNode value = entry.getValue();
            if (field.equals("name") || field.equals("type") || READ_ONLY.contains(field)) {
                continue;
            }
            if (!type.accepts(field)) {
                throw ApiException.badRequest("a " + type.wireName + " profile has no field '" + field + "'", field);
            }
            if (value.isNull()) {
                base.remove(field);
            } else if (value.isTextual()) {
                base.put(field, value.textValue());
            } else {
                throw ApiException.badRequest(field + " must be a string", field);
            }
        }
        return base;
    }

    private static void checkTokenUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw ApiException.badRequest("token_url must be an absolute http(s) URL", "token_url");
    }
}
