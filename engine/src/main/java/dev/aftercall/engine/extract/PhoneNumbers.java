package dev.aftercall.engine.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers in text: written ("+91 98765 43210", "(555) 010-9999") or spoken digit by digit ("nine eight
 * seven ... double five"). Returns digits, with a leading {@code +} when one was written or said.
 */
final class PhoneNumbers {
    private static final Map<String, String> DIGIT_WORDS = Map.ofEntries(
            Map.entry("zero", "0"), Map.entry("oh", "0"), Map.entry("o", "0"), Map.entry("one", "1"),
            Map.entry("two", "2"), Map.entry("three", "3"), Map.entry("four", "4"), Map.entry("five", "5"),
            Map.entry("six", "6"), Map.entry("seven", "7"), Map.entry("eight", "8"), Map.entry("nine", "9"));
    private static final Pattern TOKEN = Pattern.compile("\\+|\\d+|[a-z]+");
    /** Dates look like digit runs too; they are not phone numbers. */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}");
    private static final int MIN_DIGITS = 7;
    private static final int MAX_DIGITS = 15;

    private PhoneNumbers() {
    }

    static List<String> find(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        Matcher token = TOKEN.matcher(lower);
        Run run = null;
        int lastEnd = 0;
        String lastToken = "";
        while (token.find()) {
            String t = token.group();
            String gap = lower.substring(lastEnd, token.start());
            boolean joined = run != null && joins(gap, lastToken, t);
            if (run != null && !(joined && run.accepts(t))) {
                run.finish(lower).ifPresent(found::add);
                run = null;
            }
            if (run == null && Run.starts(t)) {
                run = new Run(token.start());
            }
            if (run != null) {
                run.add(t, token.end());
            }
            lastEnd = token.end();
            lastToken = t;
        }
        if (run != null) {
            run.finish(lower).ifPresent(found::add);
        }
        return found;
    }

    /** Digits may be separated by spaces, dots, dashes and brackets; commas only between spoken digits. */
    private static boolean joins(String gap, String previous, String next) {
        if (gap.matches("[\\s().-]*")) {
            return true;
        }
        return gap.matches("[\\s,]*") && Character.isLetter(previous.charAt(0)) && Character.isLetter(next.charAt(0));
    }

    /** A run of digit tokens being read. */
    private static final class Run {
        private final int start;
        private int end;
        private final StringBuilder digits = new StringBuilder();
        private boolean plus;
        private int repeat = 1;

        Run(int start) {
            this.start = start;
        }

        static boolean starts(String t) {
            return t.equals("+") || t.equals("plus") || Character.isDigit(t.charAt(0)) || DIGIT_WORDS.containsKey(t)
                    || t.equals("double") || t.equals("triple");
        }

        boolean accepts(String t) {
            return Character.isDigit(t.charAt(0)) || DIGIT_WORDS.containsKey(t) || t.equals("double")
                    || t.equals("triple");
        }

        void add(String t, int tokenEnd) {
            if (t.equals("+") || t.equals("plus")) {
                plus = true;
            } else if (t.equals("double") || t.equals("triple")) {
                repeat = t.equals("double") ? 2 : 3;
            } else {
                String d = Character.isDigit(t.charAt(0)) ? t : DIGIT_WORDS.get(t);
                // "double five" repeats one digit; "double 55" is already written out.
                digits.append(d.length() == 1 ? d.repeat(repeat) : d);
                repeat = 1;
            }
            end = tokenEnd;
        }

        Optional<String> finish(String text) {
            if (digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS
                    || DATE.matcher(text.substring(start, end)).find()) {
                return Optional.empty();
            }
            return Optional.of((plus ? "+" : "") + digits);
        }
    }
}
