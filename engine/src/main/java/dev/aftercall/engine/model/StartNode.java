package dev.aftercall.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Where every run begins; a flow has exactly one. */
@JsonIgnoreProperties({"ui"})
public record StartNode(String id) implements Node {
    public static final String TYPE = "start";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> ports() {
        return List.of(DEFAULT_PORT);
    }
}
