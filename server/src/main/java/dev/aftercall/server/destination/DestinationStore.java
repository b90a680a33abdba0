package dev.aftercall.server.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.authprofile.SecretBox;
import dev.aftercall.server.extraction.VariableStore;
import dev.aftercall.server.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outlets' destinations. Headers are sealed at rest (they carry the targets' credentials) and opened only to
 * send; every method is scoped to one outlet.
 */
@ApplicationScoped
public class DestinationStore {
    private final SecretBox box;
    private final VariableStore variables;

    public DestinationStore(SecretBox box, VariableStore variables) {
        this.box = box;
        this.variables = variables;
    }

    /** A destination ready to render: its headers opened. */
    public record Destination(long id, String name, String type, String url, String method,
                              Map<String, String> headers, JsonNode body) {
    }

    @Transactional
    public List<DestinationEntity> create(long outletId, List<DestinationInput> inputs) {
        Instant now = Instant.now();
        List<DestinationEntity> created = new ArrayList<>();
        for (DestinationInput input : inputs) {
            DestinationEntity row = new DestinationEntity();
            row.outletId = outletId;
            row.name = input.name();
            row.type = input.type();
            row.url = input.url();
            row.method = input.method();
            row.sealedHeaders = box.seal(input.headersJson().toString(), DestinationEntity.sealContext(outletId));
            row.body = input.body() == null ? null : input.body().toString();
            row.createdAt = now;
            row.updatedAt = now;
            row.persist();
            created.add(row);
        }
        return created;
    }

    @Transactional
    public List<Destination> all(long outletId) {
        return DestinationEntity.<DestinationEntity>list("outletId = ?1 order by pk", outletId).stream()
                .map(this::open).toList();
    }

    /** The outlet's destinations among {@code ids}, in id order; ids of other outlets or deleted ones are skipped. */
    @Transactional
    public List<Destination> find(long outletId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return DestinationEntity.<DestinationEntity>list("outletId = ?1 and pk in ?2 order by pk", outletId,
                List.copyOf(ids)).stream().map(this::open).toList();
    }

    /** Deletes the outlet's destination and its connections to variables; false when it has none of that id. */
    @Transactional
    public boolean delete(long outletId, long destinationId) {
        boolean deleted = DestinationEntity.delete("outletId = ?1 and pk = ?2", outletId, destinationId) > 0;
        if (deleted) {
            variables.disconnect(outletId, destinationId);
        }
        return deleted;
    }

    private Destination open(DestinationEntity row) {
        JsonNode headers = Json.tree(box.open(row.sealedHeaders, DestinationEntity.sealContext(row.outletId)));
        Map<String, String> map = new LinkedHashMap<>();
        headers.properties().forEach(header -> map.put(header.getKey(), header.getValue().asText()));
        return new Destination(row.pk, row.name, row.type, row.url, row.method, map,
                row.body == null ? null : Json.tree(row.body));
    }

    /** The view of {@code GET}: header values that look like credentials are masked, never sent back. */
    public static ObjectNode view(Destination destination) {
        ObjectNode view = Json.object();
        view.put("destination_name", destination.name());
        view.put("destination_type", destination.type());
        view.put("destination_id", destination.id());
        view.put("api_url", destination.url());
        view.put("api_method", destination.method());
        ObjectNode headers = view.putObject("api_headers");
        destination.headers().forEach((name, value) -> headers.put(name, SensitiveHeaders.mask(name, value)));
        view.set("api_body", destination.body());
        return view;
    }
}
