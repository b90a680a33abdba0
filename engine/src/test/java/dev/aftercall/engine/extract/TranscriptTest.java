package dev.aftercall.engine.extract;

import static dev.aftercall.engine.extract.ExtractFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TranscriptTest {
    @Test
    void readsRoleLinesIntoTurnsAndJoinsContinuationLines() {
        Transcript transcript = Transcript.ofText("Agent: Hello!\nHow can I help?\nUser: Call me back.\nCustomer: Now.");

        assertThat(transcript.turns()).extracting(Transcript.Turn::role).containsExactly("Agent", "User", "Customer");
        assertThat(transcript.turns().get(0).content()).isEqualTo("Hello!\nHow can I help?");
        assertThat(transcript.turns().get(0).fromUser()).isFalse();
        assertThat(transcript.turns().get(1).fromUser()).isTrue();
    }

    @Test
    void textWithoutRolesIsOneTurnOfUnknownSpeakerThatCountsAsTheCustomers() {
        Transcript transcript = Transcript.ofText("my email is asha dot rao at example dot com");

        assertThat(transcript.turns()).hasSize(1);
        assertThat(transcript.turns().get(0).role()).isNull();
        assertThat(transcript.turns().get(0).fromUser()).isTrue();
    }

    @Test
    void readsTurnsWithContentOrMessageKeys() {
        Transcript transcript = Transcript.of(parse("[{\"role\": \"assistant\", \"message\": \"Hi\"},"
                + " {\"role\": \"user\", \"content\": \"Hello\"}, \"plain text turn\"]"));

        assertThat(transcript.turns()).extracting(Transcript.Turn::content)
                .containsExactly("Hi", "Hello", "plain text turn");
        assertThat(transcript.text()).isEqualTo("assistant: Hi\nuser: Hello\nplain text turn");
    }

    @Test
    void aMissingTranscriptIsEmpty() {
        assertThat(Transcript.of(null).isEmpty()).isTrue();
        assertThat(Transcript.of(parse("null")).turns()).isEmpty();
    }

    @Test
    void sentencesDoNotEndAtPmOrInsideAnEmail() {
        Transcript.Turn turn = new Transcript.Turn("user", "Call me at 5 p.m. tomorrow. Mail asha.rao@example.com. Ok?");

        assertThat(turn.sentences()).containsExactly("Call me at 5 pm tomorrow.", "Mail asha.rao@example.com.", "Ok?");
    }
}
