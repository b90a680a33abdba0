package dev.aftercall.engine.extract;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the embedded extractor looks for in a field, read from its type, name and description: a string field
 * named {@code email_id} wants an email, {@code callback_number} a phone number, {@code follow_up_date} a date.
 */
final class FieldHints {
    /** The recogniser a field needs. */
    enum Kind { EMAIL, PHONE, DATE, TIME, NUMBER, YES_NO, CHOICE, PERSON_NAME, NONE }

    private static final Pattern EMAIL_WORDS = Pattern.compile("\\b(?:e-?mail|mail id|email id)");
    private static final Pattern PHONE_WORDS = Pattern.compile(
            "\\b(?:phone|mobile|cell|whatsapp|telephone|contact number|callback number|number to call"
                    + "|call back number)");
    private static final Pattern DATE_WORDS = Pattern.compile("\\b(?:date|day|iso 8601|when|callback|call back)\\b");
    private static final Pattern NAME_WORDS = Pattern.compile("\\bname\\b");
    private static final Pattern NOT_A_PERSON = Pattern.compile(
            "\\b(?:company|business|product|agent|brand|file|user ?name)\\b");
    /** Words that say nothing about which part of a call a value comes from. */
    private static final Set<String> STOPWORDS = Set.of("the", "a", "an", "of", "to", "in", "on", "for", "and",
            "or", "is", "are", "was", "be", "by", "as", "with", "from", "that", "this", "it", "its", "if", "any",
            "all", "only", "format", "iso", "8601", "string", "value", "customer", "user", "caller", "guest",
            "client", "conversation", "inferred", "mentioned", "asked", "given", "stated", "whether", "number", "up",
            "what", "which", "who", "how", "many", "much", "described", "around", "words", "entire", "digits",
            "field", "yes", "no", "true", "false", "at", "when", "me", "my", "you", "your", "we", "our", "i", "do",
            "does", "did", "will", "would", "should", "can", "could", "has", "have", "had", "not", "please", "about",
            "into", "per", "than", "then", "there", "their", "they", "them", "he", "she", "his", "her", "him");

    private FieldHints() {
    }

    static Kind kind(ExtractionField field) {
        String words = field.words();
        return switch (field.type()) {
            case EMAIL -> Kind.EMAIL;
            case DATE -> Kind.DATE;
            case TIME -> Kind.TIME;
            case NUMBER, INTEGER, FLOAT -> Kind.NUMBER;
            case BOOLEAN -> Kind.YES_NO;
            case ENUM -> Kind.CHOICE;
            case STRING -> stringKind(field, words);
        };
    }

    private static Kind stringKind(ExtractionField field, String words) {
        String name = field.name().toLowerCase(Locale.ROOT).replaceAll("[_\\-.]+", " ");
        if (EMAIL_WORDS.matcher(words).find()) {
            return Kind.EMAIL;
        }
        if (PHONE_WORDS.matcher(words).find() || name.matches(".*\\b(?:phone|mobile)\\b.*")) {
            return Kind.PHONE;
        }
        if (DATE_WORDS.matcher(words).find()) {
            return Kind.DATE;
        }
        if (name.matches(".*\\btime\\b.*")) {
            return Kind.TIME;
        }
        if (NAME_WORDS.matcher(name).find() && !NOT_A_PERSON.matcher(words).find()) {
            return Kind.PERSON_NAME;
        }
        return Kind.NONE;
    }

    /** Whether a phone number should lose its "+" ("digits only", seed 003's callback_number). */
    static boolean digitsOnly(ExtractionField field) {
        return field.words().contains("digits only");
    }

    /** The field's meaningful words, stemmed. */
    static Set<String> hints(ExtractionField field) {
        Set<String> hints = new LinkedHashSet<>();
        for (String word : field.words().split("[^a-z0-9]+")) {
            if (!word.isEmpty() && !STOPWORDS.contains(word)) {
                hints.add(stem(word));
            }
        }
        return hints;
    }

    /** How many of the hints the text mentions. */
    static int overlap(Set<String> hints, String text) {
        if (text == null || hints.isEmpty()) {
            return 0;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            String stem = stem(word);
            if (hints.contains(stem)) {
                seen.add(stem);
            }
        }
        return seen.size();
    }

    /** A crude stem, enough to match "tickets" with "ticket" and "scheduled" with "schedule". */
    static String stem(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.length() > 5 && w.endsWith("ing")) {
            w = w.substring(0, w.length() - 3);
        } else if (w.length() > 4 && w.endsWith("ed")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.length() > 4 && w.matches(".*(?:x|z|ch|sh|ss)es")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
            w = w.substring(0, w.length() - 1);
        }
        return w.length() > 3 && w.endsWith("e") ? w.substring(0, w.length() - 1) : w;
    }
}
