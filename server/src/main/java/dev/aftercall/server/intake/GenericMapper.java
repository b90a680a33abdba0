package dev.aftercall.server.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Aftercall's own call format, as {@code POST /api/v1/calls} takes it; checked by the calls intake itself. */
final class GenericMapper implements PlatformMapper {
    @Override
    public PlatformEvent map(JsonNode body) {
        if (!(body instanceof ObjectNode call)) {
            throw new UnusablePayload("the call must be a JSON object", null);
        }
        return new PlatformEvent("call", call.deepCopy(), PlatformEvent.Timing.RUN_NOW);
    }
}
