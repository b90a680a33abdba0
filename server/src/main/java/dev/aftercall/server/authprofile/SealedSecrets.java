package dev.aftercall.server.authprofile;

/**
 * A module's secrets sealed with the {@link SecretBox} (auth profiles, signing secrets, platform secrets, stored
 * request headers). {@link SecretRotation} asks each to seal again, with the current key, whatever an older key
 * sealed. A module that stores sealed text provides one bean of this type.
 */
public interface SealedSecrets {
    /** What these secrets are, for the rotation's report ("auth profiles"). */
    String what();

    /**
     * Seals again, with the current key, every secret {@code box} opens only with a previous key; in the caller's
     * transaction. Answers how many were sealed again.
     */
    int reseal(SecretBox box);
}
