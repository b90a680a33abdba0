package dev.aftercall.engine.extract;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Yes/no answers as people say them ("Yes please", "Nope", "No problem", "I'm not sure"). */
final class YesNo {
    private static final List<String> YES = List.of("yes", "yeah", "yep", "yup", "ya", "y", "sure", "ok", "okay",
            "of course", "absolutely", "definitely", "certainly", "please do", "please", "correct", "right",
            "that's right", "that is right", "i do", "i would", "i will", "go ahead", "sounds good",
            "that would be great", "true", "1", "affirmative", "no problem", "no worries", "why not", "haan", "ji");
    private static final List<String> NO = List.of("no", "nope", "nah", "n", "not really", "not now", "never",
            "don't", "do not", "i don't", "i do not", "no thanks", "no thank you", "false", "0", "negative",
            "not at all", "i'm not", "i am not", "i wouldn't", "i won't", "not interested", "nahi");
    /** Answers that start like yes or no but commit to neither; the longer phrase wins. */
    private static final List<String> NEITHER = List.of("not sure", "i'm not sure", "i am not sure", "maybe",
            "i don't know", "i do not know", "perhaps", "let me think", "no idea");
    private static final Pattern QUESTION_START = Pattern.compile(
            "(?i)^(?:so,?\\s+)?(?:do|does|did|would|will|shall|should|can|could|is|are|was|may|have|has|want)\\b.*");

    private YesNo() {
    }

    /** The answer's leading yes or no; empty when it has neither, or hedges. */
    static Optional<Boolean> parse(String answer) {
        String words = " " + answer.toLowerCase(Locale.ROOT).replace('’', '\'')
                .replaceAll("[^a-z0-9' ]+", " ").replaceAll("\\s+", " ").trim() + " ";
        int yes = longestPrefix(words, YES);
        int no = longestPrefix(words, NO);
        int neither = longestPrefix(words, NEITHER);
        if (neither >= yes && neither >= no && neither > 0) {
            return Optional.empty();
        }
        if (yes == 0 && no == 0) {
            return Optional.empty();
        }
        return Optional.of(yes > no);
    }

    /** Whether a sentence asks something, so the next turn can answer it. */
    static boolean isQuestion(String sentence) {
        String trimmed = sentence.trim();
        return trimmed.endsWith("?") || QUESTION_START.matcher(trimmed).matches();
    }

    private static int longestPrefix(String words, List<String> phrases) {
        int longest = 0;
        for (String phrase : phrases) {
            if (words.startsWith(" " + phrase + " ") && phrase.length() > longest) {
                longest = phrase.length();
            }
        }
        return longest;
    }
}
