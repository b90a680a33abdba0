package dev.aftercall.server.editor;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A node type as the editor knows it: how it looks in the palette and on the canvas, its output ports, the
 * fields a new node starts with, and the properties its side panel edits.
 *
 * @param ports      the fixed output ports; empty when {@code portsFrom} computes them from the node's settings
 * @param portsFrom  {@code "branches"} for a decision node: one port per branch, then the default port
 * @param singleton  exactly one per flow, there from the start, never deleted nor duplicated (the start node)
 * @param defaults   the settings a node dropped from the palette starts with
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeType(
        String type,
        String label,
        String icon,
        String color,
        String description,
        boolean hasInput,
        List<String> ports,
        String portsFrom,
        boolean singleton,
        Map<String, Object> defaults,
        List<NodeProperty> properties) {
}
