package dev.aftercall.engine.extract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numbers written as digits ("1,200", "3.5") or spoken as words ("twenty five", "two lakh"), found in text. */
final class NumberWords {
    /** A number found in text, with its span so callers can look at the words around it. */
    record Found(BigDecimal value, int start, int end) {
    }

    private static final Map<String, Integer> SMALL = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17),
            Map.entry("eighteen", 18), Map.entry("nineteen", 19));
    private static final Map<String, Integer> TENS = Map.of("twenty", 20, "thirty", 30, "forty", 40, "fifty", 50,
            "sixty", 60, "seventy", 70, "eighty", 80, "ninety", 90);
    /** Lakh and crore because the outlets this serves count in them (seed 004's numbers are Indian). */
    private static final Map<String, Long> SCALES = Map.of("thousand", 1_000L, "lakh", 100_000L,
            "million", 1_000_000L, "crore", 10_000_000L);
    private static final Pattern DIGITS = Pattern.compile(
            "(?<![\\w.,])[-+]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?![\\w]|[.,]\\d)");
    private static final Pattern WORD = Pattern.compile("[a-z]+");

    private NumberWords() {
    }

    /**
     * Reads text that is exactly one number, allowing currency signs, thousands separators and a unit after it
     * ("₹1,200", "42 units", "forty two"); empty when it holds no number or more than one.
     */
    static Optional<BigDecimal> parse(String text) {
        String cleaned = text.trim().replaceAll("[$€£₹]|\\b(?:rs|inr|usd|eur)\\b\\.?", " ").trim();
        List<Found> found = find(cleaned);
        return found.size() == 1 ? Optional.of(found.get(0).value()) : Optional.empty();
    }

    /** Every number in the text, digits and words, in order. */
    static List<Found> find(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<Found> found = new ArrayList<>();
        Matcher digits = DIGITS.matcher(lower);
        while (digits.find()) {
            found.add(new Found(new BigDecimal(digits.group().replace(",", "").replace("+", "")),
                    digits.start(), digits.end()));
        }
        found.addAll(spoken(lower));
        found.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return found;
    }

    /** Word numbers, split where the words stop forming one number ("five twenty" is two numbers). */
    private static List<Found> spoken(String lower) {
        List<Found> found = new ArrayList<>();
        Matcher word = WORD.matcher(lower);
        Spoken current = null;
        int lastEnd = -1;
        while (word.find()) {
            String w = word.group();
            boolean adjacent = current != null && lower.substring(lastEnd, word.start()).matches("[\\s-]+");
            if (current != null && (!adjacent || !current.accepts(w))) {
                current.finish().ifPresent(found::add);
                current = null;
            }
            if (current == null && Spoken.starts(w)) {
                current = new Spoken(word.start());
            }
            if (current != null) {
                current.add(w, word.end());
            }
            lastEnd = word.end();
        }
        if (current != null) {
            current.finish().ifPresent(found::add);
        }
        return found;
    }

    /** One spoken number being read word by word. */
    private static final class Spoken {
        private final int start;
        private int end;
        private long total;
        private long current;
        private String last = "";
        private boolean hasValue;

        Spoken(int start) {
            this.start = start;
        }

        static boolean starts(String w) {
            return SMALL.containsKey(w) || TENS.containsKey(w) || w.equals("a");
        }

        boolean accepts(String w) {
            if (w.equals("and")) {
                return last.equals("hundred") || SCALES.containsKey(last);
            }
            if (w.equals("hundred") || SCALES.containsKey(w)) {
                return hasValue || last.equals("a");
            }
            if (TENS.containsKey(w)) {
                return !hasValue || last.equals("hundred") || last.equals("and") || SCALES.containsKey(last);
            }
            if (SMALL.containsKey(w)) {
                boolean afterTens = TENS.containsKey(last) && SMALL.get(w) < 10;
                return !hasValue || afterTens || last.equals("hundred") || last.equals("and")
                        || SCALES.containsKey(last);
            }
            return false;
        }

        void add(String w, int wordEnd) {
            if (SMALL.containsKey(w)) {
                current += SMALL.get(w);
            } else if (TENS.containsKey(w)) {
                current += TENS.get(w);
            } else if (w.equals("hundred")) {
                current = Math.max(current, 1) * 100;
            } else if (SCALES.containsKey(w)) {
                total += Math.max(current, 1) * SCALES.get(w);
                current = 0;
            } else {
                last = w;
                return;
            }
            hasValue = true;
            last = w;
            end = wordEnd;
        }

        Optional<Found> finish() {
            return hasValue ? Optional.of(new Found(BigDecimal.valueOf(total + current), start, end))
                    : Optional.empty();
        }
    }
}
