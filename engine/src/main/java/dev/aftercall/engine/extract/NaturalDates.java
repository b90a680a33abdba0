package dev.aftercall.engine.extract;

import com.joestelmach.natty.DateGroup;
import com.joestelmach.natty.Parser;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and times in what people say ("tomorrow at 5 pm", "next Monday", "in two hours", "on the 3rd"), resolved
 * against a reference time in its zone. Natty parses; this class rewrites the phrases Natty misses into ones it
 * reads, and drops what Natty over-reads (a bare "3", the verb "may").
 */
final class NaturalDates {
    /**
     * A date or time found in text.
     *
     * @param text      the words Natty read (after rewriting)
     * @param at        the moment, in the reference's zone, to the minute
     * @param dateGiven whether a day was said (else it is the reference's day)
     * @param timeGiven whether a time was said (else it is the reference's time of day)
     */
    record Found(String text, ZonedDateTime at, boolean dateGiven, boolean timeGiven) {
    }

    private static final List<String> HOURS = List.of("one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve");
    private static final String HOUR = "(\\d{1,2}|" + String.join("|", HOURS) + ")";
    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth", "sixth",
            "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
            "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty first", "twenty second",
            "twenty third", "twenty fourth", "twenty fifth", "twenty sixth", "twenty seventh", "twenty eighth",
            "twenty ninth", "thirtieth", "thirty first");
    /** "on the 3rd" alone is a day of this or next month; "the 3rd floor" is not a date. */
    private static final String DAY_ENDS =
            "(?:\\s+of\\s+this\\s+month)?(?=\\s*(?:$|[,.!?;]|at\\b|in\\s+the\\b|morning|evening|afternoon|please|"
                    + "then|would|works|is\\b|between\\b|around\\b|after\\b|before\\b|by\\b))";
    private static final Pattern ORDINAL_DAY = Pattern.compile(
            "\\b(?:on\\s+)?the\\s+(\\d{1,2})(?:st|nd|rd|th)\\b" + DAY_ENDS, Pattern.CASE_INSENSITIVE);
    private static final Pattern ORDINAL_WORD_DAY = Pattern.compile(
            "\\bon\\s+the\\s+(" + String.join("|", ORDINALS).replace(" ", "[ -]") + ")\\b" + DAY_ENDS,
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PAST = Pattern.compile("\\b(half|quarter)\\s+past\\s+" + HOUR + "\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUARTER_TO = Pattern.compile("\\bquarter\\s+to\\s+" + HOUR + "\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AT_HOUR_WORD = Pattern.compile(
            "\\b(at|around|by|before|after|until|till)\\s+" + HOUR
                    + "(?:\\s+(thirty|fifteen|forty[- ]five|o'?clock))?\\b",
            Pattern.CASE_INSENSITIVE);
    /**
     * "Call me at five" means 17:00 to a business, not 05:00, so hours 1 to 7 said without am/pm read as afternoon.
     */
    private static final Pattern BARE_AFTERNOON_HOUR = Pattern.compile(
            "\\b(at|around|by|before|after|until|till)\\s+([1-7])(?::([0-5]\\d))?\\b"
                    + "(?!\\s*(?:am|pm|a\\.m|p\\.m|:|\\d|in the morning|morning))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBERS_ONLY = Pattern.compile("[\\d\\s]+");
    /** Words Natty reads as dates that, alone, almost never are in a call ("I may", "one second"). */
    private static final Set<String> NOT_DATES = Set.of("may", "march", "second", "seconds", "one second", "sec",
            "now", "sun", "sat", "mon", "wed", "fri", "fall", "spring", "a second", "just a second");

    private NaturalDates() {
    }

    /** Every date or time in the text, in order. */
    static List<Found> find(String text, ZonedDateTime reference) {
        String rewritten = rewrite(text, reference);
        // A Parser holds only its zone; one per call keeps this thread-safe.
        Parser parser = new Parser(TimeZone.getTimeZone(reference.getZone()));
        List<Found> found = new ArrayList<>();
        for (DateGroup group : parser.parse(rewritten, Date.from(reference.toInstant()))) {
            String words = group.getText().trim();
            if (group.getDates().isEmpty() || NUMBERS_ONLY.matcher(words).matches()
                    || NOT_DATES.contains(words.toLowerCase(Locale.ROOT))) {
                continue;
            }
            ZonedDateTime at = group.getDates().get(0).toInstant().atZone(reference.getZone())
                    .truncatedTo(ChronoUnit.MINUTES);
            boolean dateGiven = !group.isDateInferred();
            boolean timeGiven = !group.isTimeInferred();
            // "At 9 am" said after a 10 am call means tomorrow: a time alone points forward.
            if (!dateGiven && timeGiven && at.isBefore(reference)) {
                at = at.plusDays(1);
            }
            found.add(new Found(words, at, dateGiven, timeGiven));
        }
        return found;
    }

    /** Rewrites phrases Natty misreads into forms it reads correctly. */
    static String rewrite(String text, ZonedDateTime reference) {
        String out = replace(PAST, text,
                m -> hour(m.group(2)) + (m.group(1).equalsIgnoreCase("half") ? ":30" : ":15"));
        out = replace(QUARTER_TO, out, m -> (hour(m.group(1)) + 10) % 12 + 1 + ":45");
        out = replace(AT_HOUR_WORD, out, m -> m.group(1) + " " + hour(m.group(2)) + minutes(m.group(3)));
        out = replace(BARE_AFTERNOON_HOUR, out,
                m -> m.group(1) + " " + m.group(2) + ":" + (m.group(3) == null ? "00" : m.group(3)) + " pm");
        out = replace(ORDINAL_DAY, out, m -> nextDayOfMonth(Integer.parseInt(m.group(1)), reference));
        return replace(ORDINAL_WORD_DAY, out, m -> nextDayOfMonth(
                ORDINALS.indexOf(m.group(1).toLowerCase(Locale.ROOT).replace('-', ' ')) + 1, reference));
    }

    /** "the 3rd" is the next 3rd on or after the reference day; a day a month lacks skips to one that has it. */
    static String nextDayOfMonth(int day, ZonedDateTime reference) {
        LocalDate today = reference.toLocalDate();
        for (int months = 0; months <= 12 && day >= 1 && day <= 31; months++) {
            LocalDate month = today.withDayOfMonth(1).plusMonths(months);
            if (day <= month.lengthOfMonth() && !month.withDayOfMonth(day).isBefore(today)) {
                return month.withDayOfMonth(day).toString();
            }
        }
        return "the " + day;
    }

    private static String replace(Pattern pattern, String text, Function<Matcher, String> replacement) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static int hour(String digitsOrWord) {
        String word = digitsOrWord.toLowerCase(Locale.ROOT);
        return Character.isDigit(word.charAt(0)) ? Integer.parseInt(word) : HOURS.indexOf(word) + 1;
    }

    private static String minutes(String spoken) {
        if (spoken == null) {
            return "";
        }
        Map<String, String> minutes = Map.of("thirty", ":30", "fifteen", ":15");
        String lower = spoken.toLowerCase(Locale.ROOT);
        return lower.startsWith("forty") ? ":45" : minutes.getOrDefault(lower, ":00");
    }
}
