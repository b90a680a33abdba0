package dev.aftercall.server.destination;

import dev.aftercall.server.authprofile.SealedSecrets;
import dev.aftercall.server.authprofile.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;

/** The destinations' sealed headers, for key rotation. */
@ApplicationScoped
public class DestinationSecrets implements SealedSecrets {
    @Override
    public String what() {
        return "destination headers";
    }

    @Override
    public int reseal(SecretBox box) {
        int resealed = 0;
        for (DestinationEntity row : DestinationEntity.<DestinationEntity>listAll()) {
            String context = DestinationEntity.sealContext(row.outletId);
            if (!box.sealedWithCurrentKey(row.sealedHeaders, context)) {
                row.sealedHeaders = box.seal(box.open(row.sealedHeaders, context), context);
                resealed++;
            }
        }
        return resealed;
    }
}
