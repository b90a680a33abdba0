package dev.aftercall.engine.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps response fields into flow variables with Jayway JSONPath. Values keep their JSON types because the
 * document is read as a Jackson tree.
 */
public final class ResponseMapping {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Configuration JSON_TREE = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(MAPPER))
            .mappingProvider(new JacksonMappingProvider(MAPPER))
            .build();
    private static final int CACHE_LIMIT = 10_000;
    private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

    private ResponseMapping() {
    }

    /** The reason a JSONPath does not compile, for save-time validation. */
    public static Optional<String> problem(String path) {
        try {
            compile(path);
            return Optional.empty();
        } catch (InvalidPathException | IllegalArgumentException e) {
            return Optional.of("invalid JSONPath '" + path + "': " + e.getMessage());
        }
    }

    /** Reads each mapping from {@code body}; a path that matches nothing sets null and adds a warning. */
    public static ObjectNode apply(Map<String, String> mapping, JsonNode body, List<String> warnings) {
        ObjectNode updates = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, String> entry : mapping.entrySet()) {
            JsonNode value;
            try {
                Object read = compile(entry.getValue()).read(body, JSON_TREE);
                value = read instanceof JsonNode node ? node : MAPPER.valueToTree(read);
            } catch (PathNotFoundException e) {
                warnings.add("response mapping '" + entry.getKey() + "': " + entry.getValue() + " matched nothing");
                value = NullNode.getInstance();
            } catch (RuntimeException e) {
                warnings.add("response mapping '" + entry.getKey() + "' failed: " + e.getMessage());
                value = NullNode.getInstance();
            }
            updates.set(entry.getKey(), value);
        }
        return updates;
    }

    private static JsonPath compile(String path) {
        JsonPath compiled = COMPILED.get(path);
        if (compiled == null) {
            compiled = JsonPath.compile(path);
            if (COMPILED.size() >= CACHE_LIMIT) {
                COMPILED.clear();
            }
            COMPILED.put(path, compiled);
        }
        return compiled;
    }
}
