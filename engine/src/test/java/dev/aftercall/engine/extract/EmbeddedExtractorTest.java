package dev.aftercall.engine.extract;

import static dev.aftercall.engine.extract.ExtractFixtures.CALL_END;
import static dev.aftercall.engine.extract.ExtractFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedExtractorTest {
    private final EmbeddedExtractor extractor = new EmbeddedExtractor();

    private ExtractedValue extract(ExtractionField field, String transcript) {
        return extractor.extract(List.of(field), Transcript.ofText(transcript), CALL_END).get(field.name());
    }

    @Test
    void spokenEmailAndTomorrowAtFivePmResolveInTheOutletsZoneWithoutAModel() {
        List<ExtractionField> fields = List.of(ExtractionField.of("email", "email", "customer's email"),
                ExtractionField.of("callback", "date", "when to call back"));
        Transcript transcript = Transcript.ofText(
                "my email is asha dot rao at example dot com, call me tomorrow at 5 pm");

        ExtractionResult result = extractor.extract(fields, transcript, CALL_END);

        assertThat(result.get("email").value().asText()).isEqualTo("asha.rao@example.com");
        assertThat(result.get("email").source()).isEqualTo("embedded");
        assertThat(result.get("callback").value().asText()).isEqualTo("2026-11-23T17:00:00+05:30");
        assertThat(result.get("callback").type()).isEqualTo("date");
        assertThat(result.get("callback").source()).isEqualTo("embedded");
        assertThat(result.get("callback").reason()).contains("'tomorrow at 5 pm'");
        assertThat(result.get("callback").evidence()).contains("call me tomorrow at 5 pm");
    }

    @Test
    void aYesToAQuestionAboutTheFieldIsTrue() {
        ExtractionField followUp = ExtractionField.of("follow_up_required", "boolean", "Whether follow-up is needed");

        ExtractedValue value = extract(followUp, "Agent: Shall I schedule a follow-up?\nUser: Yes please");

        assertThat(value.value().booleanValue()).isTrue();
        assertThat(value.reason()).isEqualTo("'Yes please' answering 'Shall I schedule a follow-up?'");
    }

    @Test
    void aNoToAQuestionAboutTheFieldIsFalse() {
        ExtractionField followUp = ExtractionField.of("follow_up_required", "boolean", "Whether follow-up is needed");

        assertThat(extract(followUp, "Agent: Do you need a follow-up call?\nUser: No thanks, I'm all set.")
                .value().booleanValue()).isFalse();
    }

    @Test
    void aYesToAnUnrelatedQuestionSaysNothingAboutTheField() {
        ExtractionField followUp = ExtractionField.of("follow_up_required", "boolean", "Whether follow-up is needed");

        ExtractedValue value = extract(followUp, "Agent: Is this a good time to talk?\nUser: Yes.");

        assertThat(value.isNull()).isTrue();
        assertThat(value.reason()).isEqualTo("no extraction model configured");
    }

    @Test
    void questionsAndAnswersAreFoundInTextWithoutRolesToo() {
        ExtractionField interested = ExtractionField.of("interested", "boolean", "Is the customer interested in a demo");

        assertThat(extract(interested, "Would you like to book a demo? Sure, sounds good.").value().booleanValue())
                .isTrue();
    }

    @Test
    void anEnumValueNamedByTheCustomerIsPicked() {
        ExtractionField plan = ExtractionField.of("plan", "enum", "basic, premium, enterprise");

        ExtractedValue value = extract(plan, "Agent: We have basic and premium plans.\nUser: I'd like premium.");

        assertThat(value.value().asText()).isEqualTo("premium");
        assertThat(value.reason()).isEqualTo("'premium' named by the customer");
    }

    @Test
    void aLongerEnumValueHidesTheShorterOneInsideIt() {
        ExtractionField outcome = new ExtractionField("outcome", FieldType.ENUM, null,
                List.of("interested", "not_interested"));

        assertThat(extract(outcome, "User: Honestly I'm not interested.").value().asText()).isEqualTo("not_interested");
    }

    @Test
    void theCustomersEmailWinsOverTheOneTheAgentSays() {
        ExtractionField email = ExtractionField.of("email_id", "string", "Email of the user");

        ExtractedValue value = extract(email,
                "Agent: You can also write to help@acme.com.\nUser: Sure, mine is asha@example.com.");

        assertThat(value.value().asText()).isEqualTo("asha@example.com");
        assertThat(value.type()).isEqualTo("string");
    }

    @Test
    void aCorrectionLaterInTheCallWins() {
        ExtractionField callback = ExtractionField.of("callback_at", "date", "when to call back");

        ExtractedValue value = extract(callback, "User: Call me tomorrow at 5 pm.\nAgent: Noted, tomorrow at five."
                + "\nUser: Actually, make it Tuesday at 3 pm.");

        assertThat(value.value().asText()).isEqualTo("2026-11-24T15:00:00+05:30");
    }

    @Test
    void aNumberNextToTheFieldsWordsIsTakenAndTimesAreNot() {
        ExtractionField tickets = ExtractionField.of("ticket_count", "integer", "Number of tickets requested");

        assertThat(extract(tickets, "User: I need 4 tickets for the 5 pm show.").value().asInt()).isEqualTo(4);
        assertThat(extract(tickets, "Agent: How many tickets do you need?\nUser: Three, please.").value().asInt())
                .isEqualTo(3);
    }

    @Test
    void aNumberFarFromTheFieldsWordsIsNotGuessed() {
        ExtractionField budget = ExtractionField.of("budget", "float", "Monthly budget in rupees");

        ExtractedValue value = extract(budget, "User: I have 2 kids and we live on the 3rd floor.");

        assertThat(value.isNull()).isTrue();
        assertThat(value.reason()).isEqualTo("no extraction model configured");
    }

    @Test
    void aFloatFieldGetsADouble() {
        ExtractionField budget = ExtractionField.of("budget", "float", "Monthly budget in rupees");

        assertThat(extract(budget, "User: My budget is 2500.50 rupees a month.").value().doubleValue())
                .isEqualTo(2500.5);
        assertThat(extract(budget, "User: My budget is 25000.50, call me on 98765 43210.").value().doubleValue())
                .isEqualTo(25000.5);
    }

    @Test
    void aDigitsOnlyPhoneFieldLosesThePlus() {
        ExtractionField callback = ExtractFixtures.seed003Fields().get(4);

        assertThat(extract(callback, "User: my number is +91 98765 43210").value().asText()).isEqualTo("919876543210");
        assertThat(extract(ExtractionField.of("phone", "string", "phone number of the user"),
                "User: my number is +91 98765 43210").value().asText()).isEqualTo("+919876543210");
    }

    @Test
    void aTimeFieldTakesOnlyATimeOfDay() {
        ExtractionField time = ExtractionField.of("follow_up_time", "time", "preferred time for the callback");

        assertThat(extract(time, "User: Tomorrow works, around 4 in the afternoon.").value().asText()).isEqualTo("16:00");
        assertThat(extract(time, "User: Tomorrow works.").isNull()).isTrue();
    }

    @Test
    void theCustomersNameAfterMyNameIsIsTitleCased() {
        ExtractionField name = ExtractionField.of("customer_name", "string", "Customer full name");

        assertThat(extract(name, "User: hi, my name is asha rao and I'm calling about the offer").value().asText())
                .isEqualTo("Asha Rao");
        assertThat(extract(name, "Agent: Hi, this is Priya from Acme.\nUser: Hello.").isNull()).isTrue();
    }

    @Test
    void fieldsWithoutARecogniserAreNullBecauseNoModelIsConfigured() {
        List<ExtractionField> fields = ExtractFixtures.seed004Fields();

        ExtractionResult result = extractor.extract(fields, Transcript.ofText("User: I want to book a table."),
                CALL_END);

        assertThat(result.get("call_summary").isNull()).isTrue();
        assertThat(result.get("call_summary").reason()).isEqualTo("no extraction model configured");
        assertThat(result.get("call_summary").source()).isEqualTo("embedded");
        assertThat(result.values().keySet()).containsExactly("name", "email_id", "phone_number", "enquiry_type",
                "occasion", "call_summary");
    }

    @Test
    void aCallWithoutATranscriptSaysSo() {
        ExtractionResult result = extractor.extract(ExtractFixtures.seed003Fields(), parse("null"), CALL_END);

        assertThat(result.values().values()).allSatisfy(value -> {
            assertThat(value.isNull()).isTrue();
            assertThat(value.reason()).isEqualTo("the call has no transcript");
        });
    }
}
