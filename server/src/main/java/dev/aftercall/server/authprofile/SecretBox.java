package dev.aftercall.server.authprofile;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM. Sealed text is {@code v1:} + base64(12-byte random IV + ciphertext
 * + 16-byte tag). The caller's {@code context} (e.g. the owning outlet) is authenticated but not stored, so a
 * ciphertext copied to another outlet's row does not decrypt.
 *
 * <p>Key rotation: a box may also hold previous keys, which only open. Secrets sealed with one of them stay readable
 * until {@link SecretRotation} seals them again with the current key; then the previous key can be dropped.
 */
public final class SecretBox {
    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final List<SecretKeySpec> previous;

    public SecretBox(byte[] key) {
        this(key, List.of());
    }

    public SecretBox(byte[] key, List<byte[]> previousKeys) {
        this.key = spec(key);
        this.previous = previousKeys.stream().map(SecretBox::spec).toList();
    }

    private static SecretKeySpec spec(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("the secret key must be 32 bytes (AES-256)");
        }
        return new SecretKeySpec(Arrays.copyOf(key, key.length), "AES");
    }

    /** True when {@code sealed} opens with the current key (so rotation can leave it alone). */
    public boolean sealedWithCurrentKey(String sealed, String context) {
        try {
            open(sealed, context, key);
            return true;
        } catch (SecretUnreadableException e) {
            return false;
        }
    }

    public String seal(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, iv, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * Opens with the current key, else with a previous one. Throws {@link SecretUnreadableException} when the text
     * was sealed with another key or context.
     */
    public String open(String sealed, String context) {
        try {
            return open(sealed, context, key);
        } catch (SecretUnreadableException notCurrent) {
            for (SecretKeySpec older : previous) {
                try {
                    return open(sealed, context, older);
                } catch (SecretUnreadableException notThisOne) {
                    // try the next previous key
                }
            }
            throw notCurrent;
        }
    }

    private String open(String sealed, String context, SecretKeySpec with) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new SecretUnreadableException("not a sealed secret");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretUnreadableException("sealed secret is not base64");
        }
        if (bytes.length <= IV_BYTES) {
            throw new SecretUnreadableException("sealed secret is truncated");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, with, Arrays.copyOf(bytes, IV_BYTES), context);
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SecretUnreadableException("secret does not decrypt with the configured key");
        }
    }

    private static Cipher cipher(int mode, SecretKeySpec with, byte[] iv, String context)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, with, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A stored secret that cannot be read back: wrong key, other context, or damaged text. */
    public static class SecretUnreadableException extends RuntimeException {
        public SecretUnreadableException(String message) {
            super(message);
        }
    }
}
