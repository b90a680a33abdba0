package dev.aftercall.engine.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aftercall.engine.extract.FieldHints.Kind;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills variables from a transcript without a language model: emails (also spoken: "asha dot rao at example dot
 * com"), phone numbers, numbers near the field's words, dates and times ("tomorrow at 5 pm", resolved against the
 * call's end in the outlet's zone), yes/no answers to a question about the field, enum values named in the call,
 * and a caller's name after "my name is". It prefers what the customer said and, among equals, the latest mention
 * (people correct themselves). Everything else is null with the reason {@value #NO_MODEL}. Stateless and
 * thread-safe.
 */
public final class EmbeddedExtractor {
    /** The reason on a field this extractor cannot fill. */
    public static final String NO_MODEL = "no extraction model configured";
    static final String NO_TRANSCRIPT = "the call has no transcript";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int EVIDENCE_LENGTH = 200;
    /** How many sentences after a relevant value a later one still counts as its correction. */
    private static final int CORRECTION_DISTANCE = 3;
    private static final String HOUR_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";
    /** Numbers that are times, dates, ordinals, phone numbers or addresses, not quantities. */
    private static final Pattern NOT_QUANTITIES = Pattern.compile("(?i)\\b\\d{1,2}(?::\\d{2})?\\s*(?:am|pm|o'clock)\\b"
            + "|\\b\\d{1,2}:\\d{2}\\b|\\b(?:at|around|by)\\s+(?:\\d{1,2}|" + HOUR_WORDS + ")\\b|\\d+(?:st|nd|rd|th)\\b"
            + "|\\d{4}-\\d{2}-\\d{2}|\\b\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b"
            + "|\\+\\d(?:[\\s()-]?\\d){6,}|\\d(?:[\\s()-]?\\d){9,}|\\S+@\\S+"
            + "|\\bin\\s+(?:\\d+|an?|" + HOUR_WORDS + ")\\s+(?:minute|hour|day|week|month)s?\\b");
    private static final Pattern MY_NAME_IS = Pattern.compile(
            "(?i)\\bmy name(?: is|'s)\\s+([\\p{L}'-]+(?:\\s+[\\p{L}'-]+){0,2})");
    /** Only a capitalised name counts after "this is" and "I'm": "this is great" and "I'm interested" do not. */
    private static final Pattern INTRODUCTION = Pattern.compile(
            "\\b(?:[Tt]his is|I'm|I am)\\s+(\\p{Lu}[\\p{L}'-]+(?:\\s+\\p{Lu}[\\p{L}'-]+){0,2})");
    private static final Set<String> NOT_NAME_WORDS = Set.of("and", "from", "calling", "here", "speaking", "i",
            "with", "the", "a", "an", "by", "of", "but", "so", "please", "sir", "madam", "ma'am", "again", "only");

    /** Extracts every field from a transcript given as text or turns (see {@link Transcript#of(JsonNode)}). */
    public ExtractionResult extract(List<ExtractionField> fields, JsonNode transcript, ZonedDateTime reference) {
        return extract(fields, Transcript.of(transcript), reference);
    }

    /**
     * Extracts every field, in the fields' order.
     *
     * @param reference the call's end in the outlet's time zone; relative dates resolve against it
     */
    public ExtractionResult extract(List<ExtractionField> fields, Transcript transcript, ZonedDateTime reference) {
        Objects.requireNonNull(reference, "reference");
        List<Utterance> utterances = utterances(transcript);
        Map<String, ExtractedValue> values = new LinkedHashMap<>();
        for (ExtractionField field : fields) {
            values.put(field.name(), utterances.isEmpty()
                    ? ExtractedValue.missing(field.type().wireName(), ExtractedValue.EMBEDDED, NO_TRANSCRIPT)
                    : extract(field, utterances, reference));
        }
        return new ExtractionResult(values);
    }

    /** One sentence of the call, who said it, and the question the other side asked just before it. */
    private record Utterance(int index, boolean fromUser, String text, String question) {
        String context() {
            return question == null ? text : question + " " + text;
        }

        String who() {
            return fromUser ? "the customer" : "the agent";
        }
    }

    /** A value found somewhere in the call. */
    private record Candidate(JsonNode value, String how, Utterance where, int score, int position) {
    }

    private static final Comparator<Candidate> BEST_FIRST = Comparator
            .comparing((Candidate c) -> c.where().fromUser()).reversed()
            .thenComparing(Comparator.comparingInt(Candidate::score).reversed())
            .thenComparing(Comparator.comparingInt((Candidate c) -> c.where().index()).reversed())
            .thenComparingInt(Candidate::position);

    private ExtractedValue extract(ExtractionField field, List<Utterance> utterances, ZonedDateTime reference) {
        Set<String> hints = FieldHints.hints(field);
        List<Candidate> candidates = new ArrayList<>();
        Kind kind = FieldHints.kind(field);
        for (Utterance u : utterances) {
            switch (kind) {
                case EMAIL -> emails(u, hints, candidates);
                case PHONE -> phones(field, u, hints, candidates);
                case DATE, TIME -> dates(kind, u, hints, reference, candidates);
                case NUMBER -> numbers(field, u, hints, candidates);
                case YES_NO -> answers(u, hints, candidates);
                case CHOICE -> choices(field, u, hints, candidates);
                case PERSON_NAME -> names(u, candidates);
                case NONE -> {
                    // no recogniser: the model would be needed
                }
            }
        }
        String type = field.type().wireName();
        return inheritRelevance(candidates).stream().min(BEST_FIRST)
                .map(best -> new ExtractedValue(best.value(), type, ExtractedValue.EMBEDDED, best.how(),
                        evidence(best.where().text())))
                .orElseGet(() -> ExtractedValue.missing(type, ExtractedValue.EMBEDDED, NO_MODEL));
    }

    /**
     * A value said within a few sentences after one that matched the field's words better is usually a correction
     * of it ("Call me tomorrow at 5." ... "Actually, make it Tuesday."), so it counts as relevant as that one.
     */
    private static List<Candidate> inheritRelevance(List<Candidate> candidates) {
        List<Candidate> out = new ArrayList<>();
        Candidate relevant = null;
        for (Candidate c : candidates) {
            Candidate scored = c;
            boolean soonAfter = relevant != null && c.where().fromUser() == relevant.where().fromUser()
                    && c.where().index() - relevant.where().index() <= CORRECTION_DISTANCE;
            if (soonAfter && c.score() < relevant.score()) {
                scored = new Candidate(c.value(), c.how(), c.where(), relevant.score(), c.position());
            }
            if (scored.score() > 0) {
                relevant = scored;
            }
            out.add(scored);
        }
        return out;
    }

    private static void emails(Utterance u, Set<String> hints, List<Candidate> out) {
        int position = 0;
        for (String email : Emails.find(u.text())) {
            out.add(new Candidate(JSON.textNode(email), "email said by " + u.who(), u,
                    FieldHints.overlap(hints, u.context()), position++));
        }
    }

    private static void phones(ExtractionField field, Utterance u, Set<String> hints, List<Candidate> out) {
        int position = 0;
        for (String phone : PhoneNumbers.find(u.text())) {
            String value = FieldHints.digitsOnly(field) ? phone.replace("+", "") : phone;
            out.add(new Candidate(JSON.textNode(value), "phone number said by " + u.who(), u,
                    FieldHints.overlap(hints, u.context()), position++));
        }
    }

    private static void dates(Kind kind, Utterance u, Set<String> hints, ZonedDateTime reference,
            List<Candidate> out) {
        int position = 0;
        for (NaturalDates.Found found : NaturalDates.find(u.text(), reference)) {
            if (kind == Kind.TIME && !found.timeGiven()) {
                continue;
            }
            String value = kind == Kind.TIME ? found.at().toLocalTime().toString() : ValueCoercion.format(found);
            out.add(new Candidate(JSON.textNode(value), "'" + found.text() + "' said by " + u.who()
                    + ", resolved against the call's end " + ValueCoercion.DATE_TIME.format(reference), u,
                    FieldHints.overlap(hints, u.context()), position++));
        }
    }

    /** A number counts only near the field's words, or as the answer to a question using them. */
    private static void numbers(ExtractionField field, Utterance u, Set<String> hints, List<Candidate> out) {
        String text = blankOut(u.text(), NOT_QUANTITIES);
        int score = FieldHints.overlap(hints, u.context());
        if (score == 0) {
            return;
        }
        int position = 0;
        for (NumberWords.Found found : NumberWords.find(text)) {
            boolean whole = found.value().stripTrailingZeros().scale() <= 0;
            if (field.type() == FieldType.INTEGER && !whole) {
                continue;
            }
            out.add(new Candidate(ValueCoercion.typedNumber(field.type(), found.value()),
                    "number said by " + u.who() + " next to '" + String.join(" ", hints) + "'", u, score,
                    position++));
        }
    }

    /** A yes or no from the customer, answering a question that uses the field's words. */
    private static void answers(Utterance u, Set<String> hints, List<Candidate> out) {
        if (u.question() == null || !u.fromUser()) {
            return;
        }
        int score = FieldHints.overlap(hints, u.question());
        if (score == 0) {
            return;
        }
        YesNo.parse(u.text()).ifPresent(answer -> out.add(new Candidate(JSON.booleanNode(answer),
                "'" + shorten(u.text()) + "' answering '" + shorten(u.question()) + "'", u, score, 0)));
    }

    /** Allowed values named in the call; "not interested" hides the "interested" inside it. */
    private static void choices(ExtractionField field, Utterance u, Set<String> hints, List<Candidate> out) {
        List<int[]> spans = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (String value : field.enumValues()) {
            String words = ValueCoercion.comparable(value).replace(" ", "[\\s_-]+");
            Matcher matcher = Pattern.compile("(?i)(?<![\\w-])" + words + "(?![\\w-])").matcher(u.text());
            while (matcher.find()) {
                spans.add(new int[] {matcher.start(), matcher.end()});
                named.add(value);
            }
        }
        int score = FieldHints.overlap(hints, u.context());
        for (int i = 0; i < spans.size(); i++) {
            int[] span = spans.get(i);
            boolean inside = spans.stream().anyMatch(other -> other != span && other[0] <= span[0]
                    && other[1] >= span[1] && other[1] - other[0] > span[1] - span[0]);
            if (!inside) {
                out.add(new Candidate(JSON.textNode(named.get(i)), "'" + named.get(i) + "' named by " + u.who(), u,
                        score, span[0]));
            }
        }
    }

    private static void names(Utterance u, List<Candidate> out) {
        if (!u.fromUser()) {
            return;
        }
        for (Pattern pattern : List.of(MY_NAME_IS, INTRODUCTION)) {
            Matcher matcher = pattern.matcher(u.text());
            if (matcher.find()) {
                List<String> words = new ArrayList<>();
                for (String word : matcher.group(1).split("\\s+")) {
                    if (NOT_NAME_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                        break;
                    }
                    words.add(word.equals(word.toLowerCase(Locale.ROOT))
                            ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                }
                if (!words.isEmpty()) {
                    out.add(new Candidate(JSON.textNode(String.join(" ", words)), "name given by " + u.who(), u,
                            0, matcher.start()));
                    return;
                }
            }
        }
    }

    /** Sentences in call order, each with the question the other side (or the sentence before) asked. */
    private static List<Utterance> utterances(Transcript transcript) {
        List<Utterance> utterances = new ArrayList<>();
        Transcript.Turn previous = null;
        for (Transcript.Turn turn : transcript.turns()) {
            List<String> sentences = turn.sentences();
            boolean answersPrevious = previous != null
                    && (previous.fromUser() != turn.fromUser() || turn.role() == null);
            String asked = answersPrevious ? lastQuestion(previous.sentences()) : null;
            for (int i = 0; i < sentences.size(); i++) {
                String question = i == 0 ? asked
                        : turn.role() == null && YesNo.isQuestion(sentences.get(i - 1)) ? sentences.get(i - 1) : null;
                utterances.add(new Utterance(utterances.size(), turn.fromUser(), sentences.get(i), question));
            }
            previous = turn;
        }
        return utterances;
    }

    private static String lastQuestion(List<String> sentences) {
        for (int i = sentences.size() - 1; i >= 0; i--) {
            if (YesNo.isQuestion(sentences.get(i))) {
                return sentences.get(i);
            }
        }
        return null;
    }

    /** Replaces matches with spaces, so positions stay where they were. */
    private static String blankOut(String text, Pattern pattern) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text);
        while (matcher.find()) {
            for (int i = matcher.start(); i < matcher.end(); i++) {
                out.setCharAt(i, ' ');
            }
        }
        return out.toString();
    }

    private static String evidence(String text) {
        return text.length() <= EVIDENCE_LENGTH ? text : text.substring(0, EVIDENCE_LENGTH - 1) + "…";
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 79) + "…";
    }
}
