package dev.aftercall.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** Combinators for {@link VariableLookup}s, e.g. flow variables in front of the call's namespaces. */
public final class Lookups {
    private Lookups() {
    }

    /** Asks each lookup in turn; the first that knows the name wins, so earlier lookups shadow later ones. */
    public static VariableLookup chain(VariableLookup... lookups) {
        List<VariableLookup> chain = List.of(lookups);
        return name -> {
            for (VariableLookup lookup : chain) {
                Optional<JsonNode> found = lookup.find(name);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        };
    }
}
