package dev.aftercall.server.destination;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which stored header values are credentials, so the API never sends them back: a destination's GET shows that an
 * {@code Authorization} header is set, not its token. Placeholders ({@code {{token}}}) are shown, since they are
 * not secrets themselves.
 */
final class SensitiveHeaders {
    static final String MASK = "********";
    private static final Pattern SENSITIVE_NAME = Pattern.compile(
            "(?i)authorization|proxy-authorization|cookie|.*(token|secret|key|password|passwd|signature|auth).*");
    private static final Pattern SCHEME = Pattern.compile("(?i)^(bearer|basic|token|digest)\\s+.+");

    private SensitiveHeaders() {
    }

    static String mask(String name, String value) {
        if (value == null || value.isBlank() || value.strip().matches("\\{\\{[^}]*}}")) {
            return value;
        }
        if (!SENSITIVE_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
            return value;
        }
        var scheme = SCHEME.matcher(value.strip());
        return scheme.matches() ? value.strip().split("\\s+", 2)[0] + " " + MASK : MASK;
    }
}
