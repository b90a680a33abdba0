package dev.aftercall.server.intake;

import dev.aftercall.server.authprofile.SealedSecrets;
import dev.aftercall.server.authprofile.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;

/** The platforms' signing secrets stored with intake tokens, for key rotation. */
@ApplicationScoped
public class IntakeTokenSecrets implements SealedSecrets {
    @Override
    public String what() {
        return "intake token secrets";
    }

    @Override
    public int reseal(SecretBox box) {
        int resealed = 0;
        for (IntakeTokenEntity token : IntakeTokenEntity.<IntakeTokenEntity>list("secretCiphertext is not null")) {
            String context = IntakeTokenEntity.sealContext(token.outletId);
            if (!box.sealedWithCurrentKey(token.secretCiphertext, context)) {
                token.secretCiphertext = box.seal(box.open(token.secretCiphertext, context), context);
                resealed++;
            }
        }
        return resealed;
    }
}
