package dev.aftercall.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.auth.AuthProfile;
import dev.aftercall.engine.http.OutboundRequest;
import dev.aftercall.engine.model.ApiRequestNode;
import dev.aftercall.engine.template.JsonTemplates;
import dev.aftercall.engine.template.Render;
import dev.aftercall.engine.template.Template;
import dev.aftercall.engine.template.VariableLookup;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An API Request node rendered against the run's variables: the request to send and its redacted form for the
 * trace. Template values can never add a header line: CR and LF are removed from header values.
 */
final class PreparedRequest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final OutboundRequest request;
    final Redactor redactor;

    private PreparedRequest(OutboundRequest request, Redactor redactor) {
        this.request = request;
        this.redactor = redactor;
    }

    static PreparedRequest render(ApiRequestNode node, VariableLookup vars, Render render, AuthProfile profile,
                                  Credentials credentials, String idempotencyKey) throws URISyntaxException {
        StringBuilder url = new StringBuilder(Template.cached(node.url()).renderUrl(vars, render));
        boolean hasQuery = url.indexOf("?") >= 0;
        List<Map.Entry<String, String>> query = new ArrayList<>();
        node.query().forEach((name, value) -> query.add(Map.entry(name, Template.cached(value).renderText(vars, render))));
        query.addAll(credentials.query);
        for (Map.Entry<String, String> q : query) {
            url.append(hasQuery ? '&' : '?').append(encode(q.getKey())).append('=').append(encode(q.getValue()));
            hasQuery = true;
        }

        List<Map.Entry<String, String>> headers = new ArrayList<>();
        boolean contentType = false;
        for (Map.Entry<String, String> h : node.headers().entrySet()) {
            String value = Template.cached(h.getValue()).renderText(vars, render);
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                render.warn("header '" + h.getKey() + "': line breaks removed from the value");
                value = value.replaceAll("[\r\n]+", " ");
            }
            headers.add(Map.entry(h.getKey(), value));
            contentType |= h.getKey().equalsIgnoreCase("Content-Type");
        }
        headers.addAll(credentials.headers);
        headers.add(Map.entry("Idempotency-Key", idempotencyKey));

        byte[] body = new byte[0];
        if (node.body() != null && !node.body().isNull() && !"GET".equals(node.method())) {
            JsonNode rendered = JsonTemplates.render(node.body(), vars, render);
            body = rendered.isTextual()
                    ? rendered.asText().getBytes(StandardCharsets.UTF_8)
                    : rendered.toString().getBytes(StandardCharsets.UTF_8);
            if (!contentType) {
                headers.add(Map.entry("Content-Type", "application/json"));
            }
        }

        List<String> secrets = new ArrayList<>(credentials.secrets());
        if (profile != null) {
            secrets.addAll(profile.secrets());
        }
        OutboundRequest request = new OutboundRequest(node.method(), new URI(url.toString()), headers, body,
                node.timeoutMs(), credentials.certificate);
        return new PreparedRequest(request, new Redactor(secrets));
    }

    /** The request as the trace records it: credentials masked, body as JSON when it is JSON. */
    ObjectNode traced() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("method", request.method());
        out.put("url", redactor.text(request.uri().toString()));
        ObjectNode headers = out.putObject("headers");
        request.headers().forEach(h -> headers.put(h.getKey(), redactor.header(h.getKey(), h.getValue())));
        if (request.body().length > 0) {
            String text = redactor.text(new String(request.body(), StandardCharsets.UTF_8));
            out.set("body", Bodies.parseOrText(text, MAPPER));
        }
        if (request.clientCertificate() != null) {
            out.put("client_certificate", "configured");
        }
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
