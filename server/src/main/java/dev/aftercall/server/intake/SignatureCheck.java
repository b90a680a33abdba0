package dev.aftercall.server.intake;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a delivery against the platform's signing secret stored with its token, on the raw body as received
 * (never a re-serialised one). Every comparison is constant-time.
 * <ul>
 *   <li>Retell: {@code X-Retell-Signature: v=<unix ms>,d=<hex>}, HMAC-SHA256 with the API key over the body
 *   followed by the timestamp; a timestamp more than 5 minutes off is refused (a replayed delivery);</li>
 *   <li>Vapi: the {@code X-Vapi-Secret} header equals the secret, or, when the token names a signature header,
 *   that header holds the HMAC-SHA256 hex of the body ({@code sha256=} prefix allowed);</li>
 *   <li>Bland and generic: {@code X-Webhook-Signature} holds the HMAC-SHA256 hex of the body.</li>
 * </ul>
 */
@ApplicationScoped
public class SignatureCheck {
    static final Duration RETELL_TOLERANCE = Duration.ofMinutes(5);

    private final Clock clock;

    public SignatureCheck() {
        this(Clock.systemUTC());
    }

    SignatureCheck(Clock clock) {
        this.clock = clock;
    }

    /** {@code headers} answers a header's value by name (case-insensitive), or null. */
    public Verification verify(IntakeTokens.Resolved token, byte[] body, Function<String, String> headers) {
        if (token.secretUnreadable()) {
            return Verification.failed("the stored signing secret cannot be read (the secret key changed); "
                    + "create the token again");
        }
        if (token.secret() == null) {
            return Verification.UNSIGNED;
        }
        return switch (token.platform()) {
            case RETELL -> retell(token.secret(), body, headers.apply("X-Retell-Signature"));
            case VAPI -> token.signatureHeader() == null
                    ? sharedSecret(token.secret(), headers.apply("X-Vapi-Secret"))
                    : hmacHex(token.secret(), body, headers.apply(token.signatureHeader()), token.signatureHeader());
            case BLAND, GENERIC -> hmacHex(token.secret(), body, headers.apply("X-Webhook-Signature"),
                    "X-Webhook-Signature");
        };
    }

    private Verification retell(String apiKey, byte[] body, String header) {
        if (header == null) {
            return Verification.failed("X-Retell-Signature is missing");
        }
        String timestamp = null;
        String digest = null;
        for (String part : header.split(",")) {
            String trimmed = part.strip();
            if (trimmed.startsWith("v=")) {
                timestamp = trimmed.substring(2);
            } else if (trimmed.startsWith("d=")) {
                digest = trimmed.substring(2);
            }
        }
        if (timestamp == null || digest == null || !timestamp.matches("\\d{1,15}")) {
            return Verification.failed("X-Retell-Signature must be v=<unix ms>,d=<hex digest>");
        }
        long age = clock.millis() - Long.parseLong(timestamp);
        if (Math.abs(age) > RETELL_TOLERANCE.toMillis()) {
            return Verification.failed("X-Retell-Signature timestamp is more than 5 minutes off");
        }
        byte[] signed = concat(body, timestamp.getBytes(StandardCharsets.US_ASCII));
        return equalHex(hmac(apiKey, signed), digest) ? Verification.VERIFIED
                : Verification.failed("X-Retell-Signature does not match the body");
    }

    private static Verification sharedSecret(String secret, String header) {
        if (header == null) {
            return Verification.failed("X-Vapi-Secret is missing");
        }
        return MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8))
                ? Verification.VERIFIED : Verification.failed("X-Vapi-Secret does not match");
    }

    private static Verification hmacHex(String secret, byte[] body, String header, String name) {
        if (header == null) {
            return Verification.failed(name + " is missing");
        }
        String hex = header.strip();
        if (hex.regionMatches(true, 0, "sha256=", 0, 7)) {
            hex = hex.substring(7);
        }
        return equalHex(hmac(secret, body), hex) ? Verification.VERIFIED
                : Verification.failed(name + " does not match the body");
    }

    private static boolean equalHex(byte[] expected, String hex) {
        byte[] given = hex.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(HexFormat.of().formatHex(expected).getBytes(StandardCharsets.US_ASCII), given);
    }

    static byte[] hmac(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
