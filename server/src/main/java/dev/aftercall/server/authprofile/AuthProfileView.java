package dev.aftercall.server.authprofile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.json.Json;
import java.security.cert.X509Certificate;

/**
 * What the API shows of a profile: never a secret value, only which fields are configured, plus the fields that
 * identify it (user name, API key name, token URL, client id, scope) and, for mTLS, whose certificate it is and
 * when it expires.
 */
final class AuthProfileView {
    private AuthProfileView() {
    }

    static ObjectNode of(AuthProfileEntity entity, AuthProfileInput profile) {
        ObjectNode out = Json.object();
        out.put("id", entity.pk);
        out.put("name", entity.name);
        out.put("type", profile.type().wireName);
        ArrayNode configured = out.putArray("configured_fields");
        profile.type().required.forEach(f -> addIfSet(configured, profile, f));
        profile.type().optional.forEach(f -> addIfSet(configured, profile, f));
        for (String field : profile.type().shown) {
            String value = profile.fields().get(field);
            if (value != null) {
                out.put(field, value);
            }
        }
        if (profile.type() == AuthProfileType.API_KEY && !profile.fields().containsKey("in")) {
            out.put("in", "header");
        }
        if (profile.type() == AuthProfileType.MTLS && profile.fields().containsKey("certificate")) {
            X509Certificate leaf = ClientCertificateCheck.leafCertificate(profile.fields().get("certificate"));
            out.put("certificate_subject", leaf.getSubjectX500Principal().getName());
            out.put("certificate_expires_at", leaf.getNotAfter().toInstant().toString());
        }
        out.put("created_at", entity.createdAt.toString());
        out.put("updated_at", entity.updatedAt.toString());
        return out;
    }

    private static void addIfSet(ArrayNode configured, AuthProfileInput profile, String field) {
        String value = profile.fields().get(field);
        if (value != null && !value.isBlank()) {
            configured.add(field);
        }
    }
}
