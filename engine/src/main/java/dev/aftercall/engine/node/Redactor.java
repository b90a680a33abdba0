package dev.aftercall.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Removes secrets from what a trace records: known credential headers entirely, and every known secret value
 * wherever it appears (a token templated into a body or a query string, say).
 */
final class Redactor {
    static final String MASK = "***";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> CREDENTIAL_HEADERS =
            Set.of("authorization", "proxy-authorization", "cookie", "x-api-key", "api-key");

    private final List<String> secrets;

    Redactor(List<String> secrets) {
        List<String> usable = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && s.length() >= 4) {
                usable.add(s);
            }
        }
        // Longest first, so a secret that contains another is masked whole.
        usable.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = usable;
    }

    String header(String name, String value) {
        if (CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            return MASK;
        }
        return text(value);
    }

    /** A JSON value with every secret masked; the same instance when none occurs in it. */
    JsonNode json(JsonNode value) {
        if (value == null || secrets.isEmpty()) {
            return value;
        }
        String text = value.toString();
        String masked = text(text);
        if (masked.equals(text)) {
            return value;
        }
        try {
            return MAPPER.readTree(masked);
        } catch (java.io.IOException e) {
            return TextNode.valueOf(masked);
        }
    }

    String text(String value) {
        String out = value;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}
