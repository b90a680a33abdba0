package dev.aftercall.server.authprofile;

import jakarta.enterprise.context.ApplicationScoped;

/** The auth profiles' sealed credentials, for key rotation. */
@ApplicationScoped
public class AuthProfileSecrets implements SealedSecrets {
    @Override
    public String what() {
        return "auth profiles";
    }

    @Override
    public int reseal(SecretBox box) {
        int resealed = 0;
        for (AuthProfileEntity profile : AuthProfileEntity.<AuthProfileEntity>listAll()) {
            String context = AuthProfileEntity.sealContext(profile.outletId);
            if (!box.sealedWithCurrentKey(profile.secretCiphertext, context)) {
                profile.secretCiphertext = box.seal(box.open(profile.secretCiphertext, context), context);
                resealed++;
            }
        }
        return resealed;
    }
}
