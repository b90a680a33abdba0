package dev.aftercall.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aftercall.engine.template.Render;
import dev.aftercall.engine.template.Template;
import dev.aftercall.engine.template.TemplateException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Templates hold for any input: no crash but a TemplateException, literals stay literal, values land in place. */
class TemplateProperties {
    @Property(tries = 2000)
    void anyTextParsesOrFailsWithATemplateException(@ForAll String text) {
        try {
            Template template = Template.parse(text);
            template.renderText(name -> Optional.empty(), Render.lenient());
        } catch (TemplateException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void textWithoutBracesRendersAsItself(@ForAll("braceless") String text) {
        Template template = Template.parse(text);

        assertThat(template.isLiteral()).isTrue();
        assertThat(template.renderText(name -> Optional.empty(), Render.strict())).isEqualTo(text);
    }

    @Property(tries = 1000)
    void placeholdersAreReplacedByTheirValuesInOrder(@ForAll("pieces") List<Map.Entry<String, String>> pieces) {
        StringBuilder source = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        Map<String, JsonNode> values = new java.util.HashMap<>();
        for (Map.Entry<String, String> piece : pieces) {
            String literal = piece.getKey();
            String name = "v" + values.size();
            values.put(name, TextNode.valueOf(piece.getValue()));
            source.append(literal).append("{{").append(name).append("}}");
            expected.append(literal).append(piece.getValue());
        }

        String rendered = Template.parse(source.toString())
                .renderText(name -> Optional.ofNullable(values.get(name)), Render.strict());

        assertThat(rendered).isEqualTo(expected.toString());
    }

    @Property(tries = 500)
    void aValueIsNeverRenderedAgainAsATemplate(@ForAll("braceless") String prefix) {
        // A caller's value that looks like a placeholder stays text: no second expansion, no recursion.
        JsonNode sneaky = TextNode.valueOf(prefix + "{{secret}}");
        String rendered = Template.parse("{{name}}").renderText(
                name -> name.equals("name") ? Optional.of(sneaky) : Optional.of(TextNode.valueOf("LEAKED")),
                Render.strict());

        assertThat(rendered).isEqualTo(prefix + "{{secret}}").doesNotContain("LEAKED");
    }

    @Provide
    Arbitrary<String> braceless() {
        return Arbitraries.strings().ofMaxLength(60).filter(s -> !s.contains("{") && !s.contains("}"));
    }

    @Provide
    Arbitrary<List<Map.Entry<String, String>>> pieces() {
        Arbitrary<String> literal = braceless();
        Arbitrary<String> value = Arbitraries.strings().ofMaxLength(30);
        return Combinators.combine(literal, value).as(Map::entry).list().ofMaxSize(8);
    }
}
