package dev.aftercall.server.intake;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Retell's timestamp window on a fixed clock: five minutes either way, not a millisecond more. */
class SignatureCheckTest {
    private static final Instant NOW = Instant.parse("2026-08-03T13:00:00Z");
    private static final byte[] BODY = "{\"event\":\"call_analyzed\",\"call\":{\"call_id\":\"c1\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private final SignatureCheck check = new SignatureCheck(Clock.fixed(NOW, ZoneOffset.UTC));
    private final IntakeTokens.Resolved retell = new IntakeTokens.Resolved(1, 1, Platform.RETELL, "key_test", null,
            false);

    private Verification at(long timestampMillis, String key) {
        byte[] ts = Long.toString(timestampMillis).getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[BODY.length + ts.length];
        System.arraycopy(BODY, 0, signed, 0, BODY.length);
        System.arraycopy(ts, 0, signed, BODY.length, ts.length);
        String header = "v=" + timestampMillis + ",d=" + HexFormat.of().formatHex(SignatureCheck.hmac(key, signed));
        return check.verify(retell, BODY, name -> name.equals("X-Retell-Signature") ? header : null);
    }

    @Test
    void retellTimestampsWithinFiveMinutesEitherWayAreAccepted() {
        long now = NOW.toEpochMilli();
        assertThat(at(now, "key_test")).isEqualTo(Verification.VERIFIED);
        assertThat(at(now - 300_000, "key_test")).isEqualTo(Verification.VERIFIED);
        assertThat(at(now + 300_000, "key_test")).isEqualTo(Verification.VERIFIED);
    }

    @Test
    void retellTimestampsFurtherOffOrWrongKeysAreRefused() {
        long now = NOW.toEpochMilli();
        assertThat(at(now - 300_001, "key_test").accepted()).isFalse();
        assertThat(at(now + 300_001, "key_test").accepted()).isFalse();
        assertThat(at(now, "key_other").accepted()).isFalse();
    }

    @Test
    void anUnreadableStoredSecretRefusesRatherThanAcceptingUnsigned() {
        var broken = new IntakeTokens.Resolved(1, 1, Platform.BLAND, null, null, true);
        assertThat(check.verify(broken, BODY, name -> null).accepted()).isFalse();
        var unsigned = new IntakeTokens.Resolved(1, 1, Platform.BLAND, null, null, false);
        assertThat(check.verify(unsigned, BODY, name -> null)).isEqualTo(Verification.UNSIGNED);
    }
}
