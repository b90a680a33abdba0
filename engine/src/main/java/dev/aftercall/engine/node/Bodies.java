package dev.aftercall.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Response and request bodies as JSON where they are JSON, text otherwise, capped for traces. */
public final class Bodies {
    /** How much of a body a trace keeps. */
    public static final int TRACE_LIMIT = 64 * 1024;

    private Bodies() {
    }

    static JsonNode parseOrText(String text, ObjectMapper mapper) {
        String trimmed = text.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return mapper.readTree(trimmed);
            } catch (IOException notJson) {
                // fall through: keep the text as sent
            }
        }
        return TextNode.valueOf(text);
    }

    /** The whole body parsed (for response mapping); empty bodies become JSON null. */
    static JsonNode parse(byte[] body, ObjectMapper mapper) {
        if (body.length == 0) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        return parseOrText(new String(body, StandardCharsets.UTF_8), mapper);
    }

    /** The body for a trace: parsed when small enough, else the first {@link #TRACE_LIMIT} characters. */
    static JsonNode forTrace(JsonNode parsed, byte[] raw) {
        if (raw.length <= TRACE_LIMIT) {
            return parsed;
        }
        String text = new String(raw, 0, TRACE_LIMIT, StandardCharsets.UTF_8);
        return TextNode.valueOf(text + "… [truncated, " + raw.length + " bytes]");
    }
}
