package dev.aftercall.engine.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Email addresses, written ("asha.rao@example.com") or spoken ("asha dot rao at example dot com"). */
final class Emails {
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?";
    private static final Pattern EMAIL = Pattern.compile(
            "[a-z0-9](?:[a-z0-9._%+-]*[a-z0-9_])?@" + LABEL + "(?:\\." + LABEL + ")*\\.[a-z]{2,}");
    /** "at the rate" is how many Indian callers say "@". */
    private static final Pattern SPOKEN_AT = Pattern.compile("\\s+(?:at the rate(?: of)?|at)\\s+");

    private Emails() {
    }

    /** The addresses in the text, in order, lower case; spoken forms are written out first. */
    static List<String> find(String text) {
        List<String> found = new ArrayList<>();
        for (String candidate : List.of(text.toLowerCase(Locale.ROOT), written(text))) {
            Matcher matcher = EMAIL.matcher(candidate);
            while (matcher.find()) {
                if (!found.contains(matcher.group())) {
                    found.add(matcher.group());
                }
            }
        }
        return found;
    }

    /** The address that the text is (for a value the model or platform gave), or empty if it is not one. */
    static Optional<String> normalise(String text) {
        String trimmed = text.trim().replaceFirst("(?i)^mailto:", "");
        List<String> found = find(trimmed);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** Writes spoken separators as characters: "asha dot rao at example dot com" → "asha.rao@example.com". */
    private static String written(String text) {
        String lower = " " + text.toLowerCase(Locale.ROOT) + " ";
        lower = lower.replaceAll("\\s+(?:dot|period)\\s+", ".")
                .replaceAll("\\s+underscore\\s+", "_")
                .replaceAll("\\s+(?:dash|hyphen)\\s+", "-");
        lower = SPOKEN_AT.matcher(lower).replaceAll("@");
        return lower.replaceAll("\\s*@\\s*", "@").trim();
    }
}
