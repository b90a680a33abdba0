package dev.aftercall.server.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature every delivery carries, so a receiver can tell the request came from this outlet and was not
 * changed or replayed: {@code X-Aftercall-Timestamp: <unix seconds>} and
 * {@code X-Aftercall-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>" under the outlet's secret>}.
 * The timestamp is part of the signed text, so a receiver that refuses old timestamps stops replays.
 * docs/deliveries.md shows a receiver verifying it.
 */
public final class WebhookSignature {
    public static final String TIMESTAMP_HEADER = "X-Aftercall-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Aftercall-Signature";
    private static final String VERSION = "v1=";

    private WebhookSignature() {
    }

    /** {@code v1=<hex>} for the body sent at {@code timestampSeconds}; an empty body signs as {@code "<ts>."}. */
    public static String sign(String secret, long timestampSeconds, String body) {
        return VERSION + HexFormat.of().formatHex(hmac(secret, timestampSeconds + "." + (body == null ? "" : body)));
    }

    /** What a receiver does: recompute and compare in constant time. */
    public static boolean verify(String secret, String timestampHeader, String body, String signatureHeader) {
        if (timestampHeader == null || signatureHeader == null || !signatureHeader.startsWith(VERSION)) {
            return false;
        }
        byte[] expected = hmac(secret, timestampHeader + "." + (body == null ? "" : body));
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signatureHeader.substring(VERSION.length()));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    private static byte[] hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
