package dev.aftercall.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Resolves a placeholder name ({@code interaction.SUMMARY}, {@code call_metadata.lead_id}, {@code ticket_id})
 * to its JSON value. Empty means the variable does not exist; a JSON null is a value.
 */
@FunctionalInterface
public interface VariableLookup {
    Optional<JsonNode> find(String name);
}
