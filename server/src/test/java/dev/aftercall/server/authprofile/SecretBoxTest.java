package dev.aftercall.server.authprofile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final SecretBox box = new SecretBox(key());

    @Test
    void opensWhatItSealed() {
        String sealed = box.seal("{\"type\":\"bearer\",\"token\":\"s3cret-token\"}", "outlet:1");

        assertThat(sealed).startsWith("v1:").doesNotContain("s3cret-token");
        assertThat(box.open(sealed, "outlet:1")).isEqualTo("{\"type\":\"bearer\",\"token\":\"s3cret-token\"}");
    }

    @Test
    void sealingTheSameTextTwiceGivesDifferentCiphertexts() {
        assertThat(box.seal("same", "outlet:1")).isNotEqualTo(box.seal("same", "outlet:1"));
    }

    @Test
    void aCiphertextMovedToAnotherOutletDoesNotOpen() {
        String sealed = box.seal("secret", "outlet:1");

        assertThatThrownBy(() -> box.open(sealed, "outlet:2")).isInstanceOf(SecretBox.SecretUnreadableException.class);
    }

    @Test
    void anotherKeyCannotOpenIt() {
        String sealed = box.seal("secret", "outlet:1");

        assertThatThrownBy(() -> new SecretBox(key()).open(sealed, "outlet:1"))
                .isInstanceOf(SecretBox.SecretUnreadableException.class)
                .hasMessageContaining("configured key");
    }

    @Test
    void aTamperedCiphertextDoesNotOpen() {
        String sealed = box.seal("secret", "outlet:1");
        byte[] bytes = java.util.Base64.getDecoder().decode(sealed.substring("v1:".length()));
        bytes[bytes.length - 1] ^= 1;
        String tampered = "v1:" + java.util.Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> box.open(tampered, "outlet:1")).isInstanceOf(SecretBox.SecretUnreadableException.class);
    }

    @Test
    void onlyA256BitKeyIsAccepted() {
        assertThatThrownBy(() -> new SecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
