package dev.aftercall.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VariableLookup vars = PathLookup.over((ObjectNode) json("""
            {"interaction": {"CALL_ID": "c-1", "DURATION": 42, "CONNECTED": true, "SUMMARY": "said \\"hi\\"",
                             "TAGS": ["vip", "callback"], "CUSTOMER": {"name": "Ana", "age": 30}, "HANGUP": null},
             "customer_phone_no.": "+34 600",
             "search": "a b&c/é"}
            """));

    @Test
    void placeholdersAreListedInOrderOfAppearance() {
        Template t = Template.parse(
                "Call {{interaction.CALL_ID}} lasted {{ interaction.DURATION }}s ({{interaction.CALL_ID}})");

        assertThat(t.placeholders())
                .containsExactly("interaction.CALL_ID", "interaction.DURATION", "interaction.CALL_ID");
        assertThat(t.isLiteral()).isFalse();
        assertThat(t.isSinglePlaceholder()).isFalse();
        assertThat(t.source()).startsWith("Call {{");
    }

    @Test
    void textWithoutPlaceholdersIsLiteral() {
        Template t = Template.parse("no placeholders here");

        assertThat(t.isLiteral()).isTrue();
        assertThat(t.placeholders()).isEmpty();
        assertThat(t.renderText(vars, Render.lenient())).isEqualTo("no placeholders here");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{a}}", "{{ a }}", "{{\ta\n}}"})
    void wholeTextThatIsOnePlaceholderIsSinglePlaceholder(String text) {
        assertThat(Template.parse(text).isSinglePlaceholder()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {" {{a}}", "{{a}} ", "x{{a}}", "{{a}}{{b}}", "plain"})
    void anythingAroundThePlaceholderMakesItText(String text) {
        assertThat(Template.parse(text).isSinglePlaceholder()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a}}b", "{a}", "}}", "{ {a} }", "function() { return {}; }", "{", "}"})
    void loneClosingBracesAndSingleBracesAreLiteral(String text) {
        Template t = Template.parse(text);

        assertThat(t.isLiteral()).isTrue();
        assertThat(t.renderText(vars, Render.lenient())).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"customer_phone_no.", "interaction.TAGS[0]", "$json.id", "post-call.x_1", "ítem"})
    void namesMayUseLettersDigitsAndPunctuationSeenInRealData(String name) {
        assertThat(Template.parse("{{" + name + "}}").placeholders()).containsExactly(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Hello {{name          | unclosed '{{' at column 7",
        "{{a}} {{                | unclosed '{{' at column 7",
        "ab{{}}                  | empty placeholder '{{}}' at column 3",
        "{{   }}                 | empty placeholder '{{}}' at column 1",
        "{{a b}}                 | invalid variable name 'a b'",
        "{{ a+b }}               | invalid variable name 'a+b'",
        "{{{a}}}                 | invalid variable name '{a'",
    })
    void malformedTemplatesFailWithAMessageNamingTheProblem(String text, String message) {
        assertThatThrownBy(() -> Template.parse(text.strip()))
                .isInstanceOf(TemplateException.class)
                .hasMessage(message);
    }

    @Test
    void renderTextStringifiesEachJsonType() {
        Template t = Template.parse("{{interaction.CALL_ID}}|{{interaction.DURATION}}|{{interaction.CONNECTED}}|"
                + "{{interaction.TAGS}}|{{interaction.CUSTOMER}}|{{interaction.HANGUP}}");

        assertThat(t.renderText(vars, Render.lenient()))
                .isEqualTo("c-1|42|true|[\"vip\",\"callback\"]|{\"name\":\"Ana\",\"age\":30}|");
    }

    @Test
    void renderTextKeepsTextAsIsWithoutJsonEscaping() {
        assertThat(Template.parse("Summary: {{interaction.SUMMARY}}").renderText(vars, Render.lenient()))
                .isEqualTo("Summary: said \"hi\"");
    }

    @Test
    void missingVariableRendersEmptyAndIsRecorded() {
        Render render = Render.lenient();

        String text = Template.parse("id={{ticket_id}};").renderText(vars, render);

        assertThat(text).isEqualTo("id=;");
        assertThat(render.missingVariables()).containsExactly("ticket_id");
        assertThat(render.warnings()).containsExactly("variable 'ticket_id' is not defined");
    }

    @Test
    void missingVariableWarnsInLenientModeAndThrowsInStrictMode() {
        Template t = Template.parse("{{nope}}");
        Render lenient = Render.lenient();
        Render strict = Render.strict();

        t.renderText(vars, lenient);
        t.renderText(vars, strict);

        lenient.throwIfStrictAndMissing();
        assertThat(lenient.warnings()).containsExactly("variable 'nope' is not defined");
        assertThatThrownBy(strict::throwIfStrictAndMissing)
                .isInstanceOf(MissingVariableException.class)
                .hasMessage("variable 'nope' is not defined");
    }

    @Test
    void urlRenderingPercentEncodesSubstitutedValuesOnly() {
        Template t = Template.parse("https://crm.example/search?q={{search}}&id={{interaction.CALL_ID}}");

        assertThat(t.renderUrl(vars, Render.lenient()))
                .isEqualTo("https://crm.example/search?q=a%20b%26c%2F%C3%A9&id=c-1");
    }

    @Test
    void urlRenderingKeepsRfc3986UnreservedCharacters() {
        assertThat(Template.percentEncode("AZaz09-._~")).isEqualTo("AZaz09-._~");
        assertThat(Template.percentEncode("+ =?#%")).isEqualTo("%2B%20%3D%3F%23%25");
        assertThat(Template.percentEncode("😀")).isEqualTo("%F0%9F%98%80");
    }

    @Test
    void urlRenderingEncodesPhoneNumbersFromDottedKeys() {
        assertThat(Template.parse("/leads?phone={{customer_phone_no.}}").renderUrl(vars, Render.lenient()))
                .isEqualTo("/leads?phone=%2B34%20600");
    }

    @Test
    void singlePlaceholderKeepsTheVariablesJsonType() {
        Render render = Render.lenient();

        assertThat(Template.parse("{{interaction.DURATION}}").renderValue(vars, render).isInt()).isTrue();
        assertThat(Template.parse("{{ interaction.CONNECTED }}").renderValue(vars, render).isBoolean()).isTrue();
        assertThat(Template.parse("{{interaction.TAGS}}").renderValue(vars, render))
                .isEqualTo(json("[\"vip\",\"callback\"]"));
        assertThat(Template.parse("{{interaction.CUSTOMER}}").renderValue(vars, render))
                .isEqualTo(json("{\"name\":\"Ana\",\"age\":30}"));
        assertThat(Template.parse("{{interaction.HANGUP}}").renderValue(vars, render).isNull()).isTrue();
        assertThat(render.warnings()).isEmpty();
    }

    @Test
    void singlePlaceholderValueIsACopyTheCallerMayChange() {
        Template t = Template.parse("{{interaction.CUSTOMER}}");
        ObjectNode customer = (ObjectNode) t.renderValue(vars, Render.lenient());

        customer.put("name", "changed");

        assertThat(vars.find("interaction.CUSTOMER.name").orElseThrow().asText()).isEqualTo("Ana");
    }

    @Test
    void missingSinglePlaceholderBecomesJsonNullAndIsRecorded() {
        Render render = Render.lenient();

        JsonNode value = Template.parse("{{ticket_id}}").renderValue(vars, render);

        assertThat(value.isNull()).isTrue();
        assertThat(render.missingVariables()).containsExactly("ticket_id");
    }

    @Test
    void placeholderInsideLongerTextRendersAsText() {
        JsonNode value = Template.parse("Duration {{interaction.DURATION}}").renderValue(vars, Render.lenient());

        assertThat(value.isTextual()).isTrue();
        assertThat(value.textValue()).isEqualTo("Duration 42");
    }

    @Test
    void cachedReturnsTheSameParsedTemplateForTheSameText() {
        Template first = Template.cached("cached {{a}}");

        assertThat(Template.cached("cached {{a}}")).isSameAs(first);
        assertThat(first.placeholders()).containsExactly("a");
    }

    @Test
    void cachedReportsParseErrorsLikeParse() {
        assertThatThrownBy(() -> Template.cached("oops {{"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("unclosed '{{' at column 6");
    }

    @Test
    void cachedKeepsWorkingPastItsBound() {
        for (int i = 0; i < 10_050; i++) {
            assertThat(Template.cached("bound {{v" + i + "}}").placeholders()).containsExactly("v" + i);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
