package dev.aftercall.engine.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call's transcript as turns. Platforms send either text ("Agent: ...\nUser: ..." or just prose) or turns
 * ({@code [{"role": "user", "content": "..."}]}, Vapi's {@code message} instead of {@code content}); both read
 * into this.
 *
 * @param turns in call order
 */
public record Transcript(List<Turn> turns) {
    private static final Set<String> USER_ROLES = Set.of("user", "customer", "caller", "human", "client", "lead",
            "guest", "prospect", "contact", "callee");
    private static final Set<String> AGENT_ROLES = Set.of("agent", "assistant", "ai", "bot", "system", "model",
            "operator", "rep", "representative");
    private static final Pattern ROLE_LINE = Pattern.compile("^\\s*([A-Za-z][A-Za-z ]{0,19}?)\\s*:\\s?(.*)$");
    /** "p.m." would otherwise end a sentence. */
    private static final Pattern MERIDIEM = Pattern.compile("(?i)\\b([ap])\\.m\\.?");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.?!])\\s+");

    /**
     * One turn of the conversation.
     *
     * @param role as the platform named it; null when the transcript did not say who spoke
     */
    public record Turn(String role, String content) {
        public Turn {
            content = content == null ? "" : content;
        }

        /** Whether the customer said this; a turn of unknown speaker counts, since it may be theirs. */
        public boolean fromUser() {
            return role == null || !AGENT_ROLES.contains(role.toLowerCase(Locale.ROOT));
        }

        /** The turn's sentences, split where a sentence ends. */
        List<String> sentences() {
            List<String> sentences = new ArrayList<>();
            for (String sentence : SENTENCE_END.split(MERIDIEM.matcher(content).replaceAll("$1m"))) {
                if (!sentence.isBlank()) {
                    sentences.add(sentence.trim());
                }
            }
            return sentences;
        }
    }

    public Transcript {
        turns = List.copyOf(turns);
    }

    /** Reads a transcript given as text, as an array of turns, or as null (empty). */
    public static Transcript of(JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return new Transcript(List.of());
        }
        if (!json.isArray()) {
            return ofText(json.asText());
        }
        List<Turn> turns = new ArrayList<>();
        for (JsonNode item : json) {
            if (item.isTextual()) {
                turns.add(new Turn(null, item.asText()));
            } else {
                turns.add(new Turn(text(item, "role", "speaker", "from"), text(item, "content", "message", "text")));
            }
        }
        return new Transcript(turns);
    }

    /** Reads "Role: words" lines into turns; lines without a known role continue the turn before them. */
    public static Transcript ofText(String text) {
        List<Turn> turns = new ArrayList<>();
        String role = null;
        StringBuilder content = new StringBuilder();
        boolean started = false;
        for (String line : text.split("\\R")) {
            Matcher matcher = ROLE_LINE.matcher(line);
            if (matcher.matches() && isRole(matcher.group(1))) {
                if (started && !content.toString().isBlank()) {
                    turns.add(new Turn(role, content.toString().trim()));
                }
                role = matcher.group(1).trim();
                content.setLength(0);
                content.append(matcher.group(2));
            } else {
                content.append(content.length() > 0 ? "\n" : "").append(line);
            }
            started = true;
        }
        if (started && !content.toString().isBlank()) {
            turns.add(new Turn(role, content.toString().trim()));
        }
        return new Transcript(turns);
    }

    /** Text for a model prompt: one "role: content" line per turn. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Turn turn : turns) {
            if (text.length() > 0) {
                text.append('\n');
            }
            if (turn.role() != null) {
                text.append(turn.role()).append(": ");
            }
            text.append(turn.content());
        }
        return text.toString();
    }

    public boolean isEmpty() {
        return turns.stream().allMatch(turn -> turn.content().isBlank());
    }

    private static boolean isRole(String word) {
        String role = word.trim().toLowerCase(Locale.ROOT);
        return USER_ROLES.contains(role) || AGENT_ROLES.contains(role);
    }

    private static String text(JsonNode item, String... keys) {
        for (String key : keys) {
            JsonNode value = item.get(key);
            if (value != null && !value.isNull()) {
                return value.asText();
            }
        }
        return null;
    }
}
