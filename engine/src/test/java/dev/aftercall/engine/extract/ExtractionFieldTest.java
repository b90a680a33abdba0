package dev.aftercall.engine.extract;

import static dev.aftercall.engine.extract.ExtractFixtures.json;
import static dev.aftercall.engine.extract.ExtractFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtractionFieldTest {
    @Test
    void readsSeed003ExtractionFieldsUnchanged() {
        List<ExtractionField> fields = ExtractFixtures.seed003Fields();

        assertThat(fields).extracting(ExtractionField::name).containsExactly("customer_name", "interest_level",
                "follow_up_required", "follow_up_date", "callback_number");
        assertThat(fields).extracting(ExtractionField::type).containsExactly(FieldType.STRING, FieldType.ENUM,
                FieldType.BOOLEAN, FieldType.STRING, FieldType.STRING);
        assertThat(fields.get(1).description()).isEqualTo("high, medium, low, none");
    }

    @Test
    void readsSeed004VariablesUnchangedIgnoringIdsAndDestinations() {
        List<ExtractionField> posted = ExtractionField.listFromJson(json("seed004-post-variables.json"));
        List<ExtractionField> listed = ExtractFixtures.seed004Fields();
        List<ExtractionField> response = ExtractionField.listFromJson(json("seed004-post-response.json").get("payload"));

        assertThat(posted).extracting(ExtractionField::name).containsExactly("customer_name", "customer_phone_no.");
        assertThat(listed).extracting(ExtractionField::name).containsExactly("name", "email_id", "phone_number",
                "enquiry_type", "occasion", "call_summary");
        assertThat(response.get(0).type()).isEqualTo(FieldType.EMAIL);
    }

    @Test
    void enumValuesComeFromADescriptionThatIsAList() {
        assertThat(ExtractFixtures.seed003Fields().get(1).enumValues()).containsExactly("high", "medium", "low", "none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"One of: hot, warm or cold.", "Lead temperature (hot | warm | cold)", "hot/warm/cold",
            "Either hot, warm, or cold", "Possible values are 'hot', 'warm' and 'cold'"})
    void enumValuesIgnoreTheProseAroundTheList(String description) {
        ExtractionField field = new ExtractionField("lead", FieldType.ENUM, description);

        assertThat(field.enumValues()).containsExactly("hot", "warm", "cold");
    }

    @Test
    void enumValuesKeepMultiWordValues() {
        ExtractionField field = new ExtractionField("outcome", FieldType.ENUM,
                "interested, not interested, call back later");

        assertThat(field.enumValues()).containsExactly("interested", "not interested", "call back later");
    }

    @Test
    void givenValuesWinOverTheDescription() {
        ExtractionField field = new ExtractionField("lead", FieldType.ENUM, "high, medium, low", List.of("A", "B"));

        assertThat(field.enumValues()).containsExactly("A", "B");
        assertThat(ExtractionField.fromJson(parse(
                "{\"name\": \"lead\", \"type\": \"enum\", \"values\": [\"x\", \"y\"]}")).enumValues())
                .containsExactly("x", "y");
    }

    @Test
    void aDescriptionInProseHoldsNoEnumValues() {
        ExtractionField field = new ExtractionField("interest", FieldType.ENUM,
                "How interested the customer sounded about the demo, or whether they were not at all");

        assertThat(field.enumValues()).isEmpty();
    }

    @Test
    void errorsNameTheFieldTheUserMustFix() {
        assertThatThrownBy(() -> ExtractionField.fromJson(parse("{\"var_name\": \"\", \"var_type\": \"string\"}")))
                .hasMessage("var_name: a variable needs a name");
        assertThatThrownBy(() -> ExtractionField.fromJson(parse("{\"var_name\": \"amount\", \"var_type\": \"money\"}")))
                .hasMessageStartingWith("var_type of 'amount': unknown variable type 'money'; allowed: string");
        assertThatThrownBy(() -> ExtractionField.fromJson(parse("{\"name\": \"x\"}")))
                .hasMessageStartingWith("type of 'x': unknown variable type ''");
    }
}
