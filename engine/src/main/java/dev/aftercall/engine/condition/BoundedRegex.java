package dev.aftercall.engine.condition;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Regular expressions from flow authors, run with a time limit. {@code java.util.regex} backtracks, so a pattern
 * like {@code (a+)+$} on a long near-match can run for hours on a worker thread; the matcher reads its input
 * through {@link DeadlineCharSequence}, which gives up once the deadline has passed.
 */
final class BoundedRegex {
    static final long TIME_LIMIT_MILLIS = 100;
    private static final int CACHE_LIMIT = 1_000;
    private static final ConcurrentMap<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    /** Thrown from inside the matcher when the deadline passes; carries no stack trace as it is control flow. */
    static final class TimedOut extends RuntimeException {
        TimedOut() {
            super("regular expression timed out", null, false, false);
        }
    }

    private BoundedRegex() {
    }

    /** Compiles or reuses {@code regex}; throws {@link java.util.regex.PatternSyntaxException} when invalid. */
    static Pattern compile(String regex) {
        Pattern hit = PATTERNS.get(regex);
        if (hit != null) {
            return hit;
        }
        Pattern compiled = Pattern.compile(regex);
        if (PATTERNS.size() >= CACHE_LIMIT) {
            PATTERNS.clear();
        }
        PATTERNS.putIfAbsent(regex, compiled);
        return compiled;
    }

    /** {@code Matcher.find()} on {@code input}; throws {@link TimedOut} after {@link #TIME_LIMIT_MILLIS}. */
    static boolean find(Pattern pattern, String input) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIME_LIMIT_MILLIS);
        return pattern.matcher(new DeadlineCharSequence(input, deadline)).find();
    }

    private static final class DeadlineCharSequence implements CharSequence {
        // Reading the clock on every charAt would dominate short matches; every 1024th read is plenty.
        private static final int CHECK_EVERY_MASK = 0x3FF;

        private final CharSequence text;
        private final long deadline;
        private int reads;

        DeadlineCharSequence(CharSequence text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & CHECK_EVERY_MASK) == 0 && System.nanoTime() - deadline > 0) {
                throw new TimedOut();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new DeadlineCharSequence(text.subSequence(start, end), deadline);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
