package dev.aftercall.engine.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the target answered. Header names keep their case; lookups ignore it. */
public record OutboundResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }
}
