package dev.aftercall.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpokenContactDetailsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "my email is asha dot rao at example dot com, call me tomorrow|asha.rao@example.com",
            "It's Asha.Rao@Example.com.|asha.rao@example.com",
            "send it to asha underscore rao at gmail dot com please|asha_rao@gmail.com",
            "asha dash rao at the rate example dot co dot in|asha-rao@example.co.in",
            "write to asha.rao at example.com|asha.rao@example.com",
            "it is asha @ example.com|asha@example.com"})
    void emailsAreFoundWrittenOrSpoken(String said, String expected) {
        assertThat(Emails.find(said)).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"call me at 5 pm", "look at the example", "I'm at home dot"})
    void sentencesWithoutAnAddressHaveNoEmail(String said) {
        assertThat(Emails.find(said)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "my number is +91 98765 43210|+919876543210",
            "call (555) 010-9999 after lunch|5550109999",
            "it's 98765-43210|9876543210",
            "nine eight seven six five four three two one zero|9876543210",
            "Plus nine one nine eight seven six five four three two one zero.|+919876543210",
            "nine eight double four five, six seven eight nine zero|9844567890",
            "oh two two triple three four five six seven|0223334567"})
    void phoneNumbersAreFoundWrittenOrSpoken(String said, String expected) {
        assertThat(PhoneNumbers.find(said)).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"I want 3 tickets at 5 pm", "the call ended 2026-11-22", "on 22/11/2026 please",
            "one two three", "it costs 1,200 rupees"})
    void shortNumbersAndDatesAreNotPhoneNumbers(String said) {
        assertThat(PhoneNumbers.find(said)).isEmpty();
    }
}
