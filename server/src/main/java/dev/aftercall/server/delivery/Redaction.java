package dev.aftercall.server.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps secrets out of what a delivery shows and logs: credential headers are masked whole, and their values (and
 * the signing secret) are masked wherever else they appear, e.g. a target echoing the request in its error page.
 */
public final class Redaction {
    public static final String MASK = "***";
    private static final Set<String> CREDENTIAL_NAMES = Set.of("authorization", "proxy-authorization", "cookie",
            "x-api-key", "api-key", "apikey");
    private static final List<String> CREDENTIAL_PARTS = List.of("token", "secret", "key", "auth", "password",
            "signature", "session");

    private final List<String> secrets;

    private Redaction(List<String> secrets) {
        this.secrets = secrets;
    }

    /** Masks the credential values among {@code headers}, plus {@code extra} secrets (the signing secret). */
    public static Redaction of(Map<String, String> headers, String... extra) {
        List<String> secrets = new ArrayList<>();
        headers.forEach((name, value) -> {
            if (isCredential(name) && value != null) {
                secrets.add(value);
                // "Bearer abc": the token alone may be echoed too.
                int space = value.indexOf(' ');
                if (space > 0) {
                    secrets.add(value.substring(space + 1).strip());
                }
            }
        });
        for (String secret : extra) {
            secrets.add(secret);
        }
        List<String> usable = new ArrayList<>(secrets.stream().filter(s -> s != null && s.length() >= 4).toList());
        // Longest first, so a secret containing another is masked whole.
        usable.sort(Comparator.comparingInt(String::length).reversed());
        return new Redaction(usable);
    }

    /** Header names whose values are credentials: the usual ones and any naming a token, key, secret, ... */
    public static boolean isCredential(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return CREDENTIAL_NAMES.contains(name) || CREDENTIAL_PARTS.stream().anyMatch(name::contains);
    }

    public static Map<String, String> maskHeaders(Map<String, String> headers) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        headers.forEach((name, value) -> out.put(name, isCredential(name) ? MASK : value));
        return out;
    }

    public String text(String value) {
        if (value == null) {
            return null;
        }
        String out = value;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}
