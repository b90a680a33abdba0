package dev.aftercall.server.destination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.template.JsonTemplates;
import dev.aftercall.engine.template.Template;
import dev.aftercall.engine.template.TemplateException;
import dev.aftercall.server.extraction.SeedError;
import dev.aftercall.server.json.Json;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One destination as seed 004 posts it, checked. {@code api_headers} and {@code api_body} come as JSON objects or
 * as strings holding JSON (both forms are in the seed); a body string that is not JSON is kept as a text template.
 *
 * @param headers header name to value template
 * @param body    the body template: an object or array, a text node for a non-JSON body, or null for none
 */
public record DestinationInput(String name, String type, String url, String method, Map<String, String> headers,
                               JsonNode body) {
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    static final int MAX_NAME = 200;
    static final int MAX_URL = 2000;
    static final int MAX_TYPE = 50;

    /** Reads {@code json}; {@code at} (e.g. {@code destination[1]}) prefixes the field in every error. */
    public static DestinationInput of(JsonNode json, String at) {
        if (json == null || !json.isObject()) {
            throw SeedError.badRequest(at + " must be a JSON object", at);
        }
        String name = text(json, "destination_name", at, true, MAX_NAME);
        String type = text(json, "destination_type", at, false, MAX_TYPE);
        String url = text(json, "api_url", at, true, MAX_URL);
        checkUrl(url, at + ".api_url");
        String method = text(json, "api_method", at, false, 10);
        method = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw SeedError.badRequest(at + ".api_method must be one of GET, POST, PUT, PATCH, DELETE",
                    at + ".api_method");
        }
        return new DestinationInput(name, type == null ? "custom" : type, url, method,
                headers(json.get("api_headers"), at + ".api_headers"), body(json.get("api_body"), at + ".api_body"));
    }

    private static String text(JsonNode json, String key, String at, boolean required, int max) {
        JsonNode value = json.get(key);
        if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
            if (required) {
                throw SeedError.badRequest(at + "." + key + " is required", at + "." + key);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw SeedError.badRequest(at + "." + key + " must be a string", at + "." + key);
        }
        if (value.asText().length() > max) {
            throw SeedError.badRequest(at + "." + key + " is longer than " + max + " characters", at + "." + key);
        }
        return value.asText().strip();
    }

    /** An absolute http(s) URL; placeholders are allowed in it and checked as templates. */
    private static void checkUrl(String url, String field) {
        try {
            Template.parse(url);
        } catch (TemplateException e) {
            throw SeedError.badRequest(field + ": " + e.getMessage(), field);
        }
        String probe = url.replaceAll("\\{\\{[^}]*}}", "x");
        try {
            URI uri = new URI(probe);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw SeedError.badRequest(field + " must be an absolute http or https URL", field);
            }
        } catch (URISyntaxException e) {
            throw SeedError.badRequest(field + " is not a valid URL: " + e.getReason(), field);
        }
    }

    private static Map<String, String> headers(JsonNode value, String field) {
        JsonNode headers = value;
        if (headers != null && headers.isTextual()) {
            headers = headers.asText().isBlank() ? null : parse(headers.asText(), field);
        }
        if (headers == null || headers.isNull()) {
            return Map.of();
        }
        if (!headers.isObject()) {
            throw SeedError.badRequest(field + " must be a JSON object of header names to values (or a string "
                    + "holding one)", field);
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            String name = header.getKey();
            JsonNode text = header.getValue();
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw SeedError.badRequest(field + ": '" + name + "' is not a valid header name", field);
            }
            if (!text.isValueNode() || text.isNull()) {
                throw SeedError.badRequest(field + "." + name + " must be a string", field + "." + name);
            }
            if (text.asText().indexOf('\r') >= 0 || text.asText().indexOf('\n') >= 0) {
                throw SeedError.badRequest(field + "." + name + " must not contain line breaks", field + "." + name);
            }
            checkTemplate(text.asText(), field + "." + name);
            out.put(name, text.asText());
        }
        return out;
    }

    private static JsonNode body(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        JsonNode body = value;
        if (value.isTextual()) {
            String text = value.asText();
            String trimmed = text.strip();
            body = trimmed.startsWith("{") || trimmed.startsWith("[") ? parse(text, field) : value;
        }
        List<String> problems = JsonTemplates.check(body, field);
        if (!problems.isEmpty()) {
            throw SeedError.badRequest(problems.get(0), field);
        }
        return body;
    }

    private static JsonNode parse(String text, String field) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw SeedError.badRequest(field + " is a string but not valid JSON: " + e.getOriginalMessage(), field);
        }
    }

    private static void checkTemplate(String text, String field) {
        try {
            Template.parse(text);
        } catch (TemplateException e) {
            throw SeedError.badRequest(field + ": " + e.getMessage(), field);
        }
    }

    /** The headers as a JSON object, for storing. */
    ObjectNode headersJson() {
        ObjectNode json = Json.object();
        headers.forEach(json::put);
        return json;
    }
}
