package dev.aftercall.server.schedule;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.aftercall.server.authprofile.SealedSecrets;
import dev.aftercall.server.authprofile.SecretBox;
import dev.aftercall.server.delivery.Redaction;
import dev.aftercall.server.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The outlets' dialer endpoints: URL plus headers, the headers sealed at rest. */
@ApplicationScoped
public class Dialers implements SealedSecrets {
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
    };

    private final SecretBox box;

    public Dialers(SecretBox box) {
        this.box = box;
    }

    /** A dialer endpoint with its headers in clear. */
    public record Dialer(String url, Map<String, String> headers, Instant updatedAt) {
    }

    @Transactional
    public Optional<Dialer> find(long outletId) {
        return DialerEntity.<DialerEntity>findByIdOptional(outletId).map(stored -> {
            try {
                Map<String, String> headers = Json.mapper().readValue(
                        box.open(stored.headersSealed, DialerEntity.sealContext(outletId)), HEADERS);
                return new Dialer(stored.url, headers, stored.updatedAt);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Saves the endpoint; a header sent back as {@value Redaction#MASK} keeps its stored value. */
    @Transactional
    public Dialer save(long outletId, String url, Map<String, String> headers) {
        Map<String, String> previous = find(outletId).map(Dialer::headers).orElse(Map.of());
        Map<String, String> kept = new LinkedHashMap<>();
        headers.forEach((name, value) -> kept.put(name,
                Redaction.MASK.equals(value) && previous.containsKey(name) ? previous.get(name) : value));
        DialerEntity stored = DialerEntity.findById(outletId);
        boolean first = stored == null;
        if (first) {
            stored = new DialerEntity();
            stored.outletId = outletId;
        }
        stored.url = url;
        stored.headersSealed = box.seal(Json.write(kept), DialerEntity.sealContext(outletId));
        stored.updatedAt = Instant.now();
        if (first) {
            stored.persist();
        }
        return new Dialer(url, kept, stored.updatedAt);
    }

    @Transactional
    public boolean delete(long outletId) {
        return DialerEntity.deleteById(outletId);
    }

    @Override
    public String what() {
        return "dialer headers";
    }

    @Override
    public int reseal(SecretBox with) {
        int resealed = 0;
        for (DialerEntity stored : DialerEntity.<DialerEntity>listAll()) {
            String context = DialerEntity.sealContext(stored.outletId);
            if (!with.sealedWithCurrentKey(stored.headersSealed, context)) {
                stored.headersSealed = with.seal(with.open(stored.headersSealed, context), context);
                resealed++;
            }
        }
        return resealed;
    }
}
