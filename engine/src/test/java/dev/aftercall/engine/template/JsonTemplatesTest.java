package dev.aftercall.engine.template;

import static dev.aftercall.engine.template.TemplateTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class JsonTemplatesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final VariableLookup vars = PathLookup.over((ObjectNode) json("""
            {"interaction": {"CALL_ID": "c-1", "DURATION": 42, "CONNECTED": false,
                             "SUMMARY": "Customer said \\"cancel\\",\\nthen {{hung up}} \\\\ bye",
                             "AGENT": {"id": 3, "name": "Eva"}},
             "guest_name": "Ana",
             "field": "priority"}
            """));

    @Test
    void singlePlaceholderStringsKeepTheirJsonTypeInABody() {
        JsonNode out = JsonTemplates.render(json("""
                {"duration": "{{interaction.DURATION}}", "connected": "{{ interaction.CONNECTED }}",
                 "agent": "{{interaction.AGENT}}"}
                """), vars, Render.lenient());

        assertThat(out).isEqualTo(json("""
                {"duration": 42, "connected": false, "agent": {"id": 3, "name": "Eva"}}
                """));
    }

    @Test
    void placeholdersInsideLongerStringsBecomeText() {
        JsonNode out = JsonTemplates.render(json("""
                {"subject": "Call {{interaction.CALL_ID}} ({{interaction.DURATION}}s)"}
                """), vars, Render.lenient());

        assertThat(out.get("subject").textValue()).isEqualTo("Call c-1 (42s)");
    }

    @Test
    void valuesWithQuotesNewlinesAndBackslashesStayValidJson() throws Exception {
        JsonNode out = JsonTemplates.render(json("""
                {"note": "Summary: {{interaction.SUMMARY}}", "raw": "{{interaction.SUMMARY}}"}
                """), vars, Render.lenient());

        String serialized = MAPPER.writeValueAsString(out);
        JsonNode reparsed = MAPPER.readTree(serialized);

        assertThat(reparsed.get("note").textValue())
                .isEqualTo("Summary: Customer said \"cancel\",\nthen {{hung up}} \\ bye");
        assertThat(reparsed.get("raw").textValue()).isEqualTo("Customer said \"cancel\",\nthen {{hung up}} \\ bye");
    }

    @Test
    void substitutedValuesAreNotRenderedAgain() {
        JsonNode out = JsonTemplates.render(json("{\"s\": \"{{interaction.SUMMARY}}!\"}"), vars, Render.lenient());

        assertThat(out.get("s").textValue()).contains("{{hung up}}");
    }

    @Test
    void arraysAndNestedObjectsAreRenderedThroughout() {
        JsonNode out = JsonTemplates.render(json("""
                {"contacts": [{"name": "{{guest_name}}", "calls": ["{{interaction.CALL_ID}}", 1, true, null]}]}
                """), vars, Render.lenient());

        assertThat(out).isEqualTo(json("""
                {"contacts": [{"name": "Ana", "calls": ["c-1", 1, true, null]}]}
                """));
    }

    @Test
    void objectKeysAreRenderedAsText() {
        JsonNode out = JsonTemplates.render(json("{\"{{field}}\": \"high\", \"x_{{interaction.DURATION}}\": 1}"),
                vars, Render.lenient());

        assertThat(out).isEqualTo(json("{\"priority\": \"high\", \"x_42\": 1}"));
    }

    @Test
    void renderingReturnsANewTreeAndLeavesTheTemplateUntouched() {
        JsonNode template = json("{\"n\": \"{{interaction.DURATION}}\", \"k\": 5}");
        String before = template.toString();

        JsonNode out = JsonTemplates.render(template, vars, Render.lenient());
        ((ObjectNode) out).put("k", 6);

        assertThat(template.toString()).isEqualTo(before);
    }

    @Test
    void missingVariablesBecomeNullOrEmptyAndAreRecorded() {
        Render render = Render.lenient();

        JsonNode out = JsonTemplates.render(json("{\"id\": \"{{ticket_id}}\", \"text\": \"#{{ticket_id}}\"}"),
                vars, render);

        assertThat(out).isEqualTo(json("{\"id\": null, \"text\": \"#\"}"));
        assertThat(render.missingVariables()).containsExactly("ticket_id");
        assertThat(render.warnings()).containsExactly("variable 'ticket_id' is not defined");
    }

    @Test
    void missingVariablesInAStrictBodyThrowWhenTheCallerAsks() {
        Render render = Render.strict();
        JsonTemplates.render(json("{\"id\": \"{{ticket_id}}\", \"lead\": \"{{lead_id}}\"}"), vars, render);

        assertThatThrownBy(render::throwIfStrictAndMissing)
                .isInstanceOf(MissingVariableException.class)
                .hasMessageContaining("variable 'ticket_id' is not defined")
                .hasMessageContaining("variable 'lead_id' is not defined");
    }

    @Test
    void checkIsEmptyWhenEveryStringParses() {
        assertThat(JsonTemplates.check(json("{\"a\": \"{{x}}\", \"b\": [\"} {\", 1]}"), "body")).isEmpty();
    }

    @Test
    void checkNamesThePathOfEveryBrokenStringAndKey() {
        JsonNode body = json("""
                {"subject": "Hello {{name", "to": ["ok", "{{}}"], "meta": {"{{a b}}": "x"}}
                """);

        assertThat(JsonTemplates.check(body, "body")).containsExactly(
                "body.subject: unclosed '{{' at column 7",
                "body.to[1]: empty placeholder '{{}}' at column 1",
                "body.meta.{{a b}}: invalid variable name 'a b'");
    }

    @Test
    void checkWithoutARootNameStartsAtTheFirstKey() {
        assertThat(JsonTemplates.check(json("{\"subject\": \"Hello {{name\"}")))
                .containsExactly("subject: unclosed '{{' at column 7");
    }

    @Test
    void checkOfABrokenRootStringIsPrefixedWithTheRootName() {
        assertThat(JsonTemplates.check(json("\"{{\""), "url")).containsExactly("url: unclosed '{{' at column 1");
    }

    @Test
    void placeholdersListsEveryNameOnceInDocumentOrder() {
        JsonNode body = json("""
                {"{{k}}": "{{a}} and {{b}}", "list": ["{{b}}", "{{c}}", "broken {{"], "n": 1}
                """);

        assertThat(JsonTemplates.placeholders(body)).containsExactly("k", "a", "b", "c");
    }

    @Test
    void renderingABrokenStringFailsWithTheParseError() {
        assertThatThrownBy(() -> JsonTemplates.render(json("{\"s\": \"{{oops\"}"), vars, Render.lenient()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("unclosed '{{' at column 1");
    }
}
