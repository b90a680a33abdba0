package dev.aftercall.server.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.aftercall.server.authprofile.SealedSecrets;
import dev.aftercall.server.authprofile.SecretBox;
import dev.aftercall.server.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seals a delivery's headers and body at rest (a destination's {@code Authorization} header, a token in a body),
 * bound to the outlet so a row copied to another outlet does not open. Also re-seals them for key rotation.
 */
@ApplicationScoped
public class DeliveryPayloads implements SealedSecrets {
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
    };

    private final SecretBox box;

    public DeliveryPayloads(SecretBox box) {
        this.box = box;
    }

    static String context(long outletId) {
        return "delivery:outlet:" + outletId;
    }

    String sealHeaders(long outletId, Map<String, String> headers) {
        return box.seal(Json.write(headers == null ? Map.of() : headers), context(outletId));
    }

    String sealBody(long outletId, String body) {
        return body == null ? null : box.seal(body, context(outletId));
    }

    public Map<String, String> headers(DeliveryEntity delivery) {
        try {
            return Json.mapper().readValue(box.open(delivery.headersSealed, context(delivery.outletId)), HEADERS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String body(DeliveryEntity delivery) {
        return delivery.bodySealed == null ? null : box.open(delivery.bodySealed, context(delivery.outletId));
    }

    @Override
    public String what() {
        return "delivery requests";
    }

    @Override
    public int reseal(SecretBox with) {
        int resealed = 0;
        for (DeliveryEntity delivery : DeliveryEntity.<DeliveryEntity>listAll()) {
            String context = context(delivery.outletId);
            boolean changed = false;
            if (!with.sealedWithCurrentKey(delivery.headersSealed, context)) {
                delivery.headersSealed = with.seal(with.open(delivery.headersSealed, context), context);
                changed = true;
            }
            if (delivery.bodySealed != null && !with.sealedWithCurrentKey(delivery.bodySealed, context)) {
                delivery.bodySealed = with.seal(with.open(delivery.bodySealed, context), context);
                changed = true;
            }
            resealed += changed ? 1 : 0;
        }
        return resealed;
    }
}
