package dev.aftercall.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.api.ApiException;
import java.util.List;

/** The list shape the API answers everywhere: {@code {"items": [...], "page", "size", "total"}}. */
public final class Pages {
    public static final int MAX_SIZE = 200;

    private Pages() {
    }

    /** Rejects a page number below 0 or a size outside 1..{@value #MAX_SIZE}, naming the query parameter. */
    public static void check(int page, int size) {
        if (page < 0) {
            throw ApiException.badRequest("page starts at 0", "page");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiException.badRequest("size must be between 1 and " + MAX_SIZE, "size");
        }
    }

    public static ObjectNode of(List<? extends JsonNode> items, int page, int size, long total) {
        ObjectNode out = Json.object();
        out.putArray("items").addAll(items);
        out.put("page", page);
        out.put("size", size);
        out.put("total", total);
        return out;
    }
}
