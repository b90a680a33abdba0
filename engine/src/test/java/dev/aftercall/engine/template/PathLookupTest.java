package dev.aftercall.engine.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathLookupTest {
    private final PathLookup lookup = PathLookup.over((ObjectNode) TemplateTest.json("""
            {"interaction": {"CALL_ID": "c-1", "DURATION": 42, "ENDED_AT": null,
                             "RAW": "{\\"nested\\": {\\"id\\": 1}}"},
             "call_metadata": {"lead_id": 7},
             "post_call": {"customer_phone_no.": "+34 600", "items": [{"id": "a"}, {"id": "b", "tags": ["x", "y"]}]},
             "customer_phone_no.": "+34 611",
             "ticket_id": 42,
             "lead": {"id": 7},
             "matrix": [[1, 2], [3, 4]]}
            """));

    @Test
    void exactKeyWithATrailingDotIsFoundBeforePathSplitting() {
        assertThat(text("customer_phone_no.")).isEqualTo("+34 611");
    }

    @Test
    void dottedKeyInsideANamespaceIsFoundToo() {
        assertThat(text("post_call.customer_phone_no.")).isEqualTo("+34 600");
    }

    @Test
    void bareNamesResolveToTopLevelValues() {
        assertThat(lookup.find("ticket_id")).contains(IntNode.valueOf(42));
    }

    @Test
    void nestedPathsWalkObjects() {
        assertThat(text("interaction.CALL_ID")).isEqualTo("c-1");
        assertThat(lookup.find("lead.id")).contains(IntNode.valueOf(7));
        assertThat(lookup.find("call_metadata.lead_id")).contains(IntNode.valueOf(7));
    }

    @Test
    void pathMayStopAtAnObject() {
        assertThat(lookup.find("lead").orElseThrow().isObject()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"post_call.items[1].id", "post_call.items.1.id"})
    void arrayIndicesWorkWithBracketsAndWithDots(String name) {
        assertThat(text(name)).isEqualTo("b");
    }

    @Test
    void indicesChainForNestedArrays() {
        assertThat(lookup.find("matrix[1][0]")).contains(IntNode.valueOf(3));
        assertThat(lookup.find("post_call.items[1].tags[1]")).contains(TextNode.valueOf("y"));
    }

    @Test
    void jsonNullIsAValueNotAMissingVariable() {
        Optional<JsonNode> endedAt = lookup.find("interaction.ENDED_AT");

        assertThat(endedAt).isPresent();
        assertThat(endedAt.get().isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "nope", "interaction.NOPE", "interaction.CALL_ID.more", "post_call.items[5].id", "post_call.items[x]",
        "post_call.items[-1]", "post_call.items[0", "lead.", "lead..id", ".lead", "lead[0]", "matrix[0]x", ""
    })
    void anythingThatDoesNotResolveIsEmpty(String name) {
        assertThat(lookup.find(name)).isEmpty();
    }

    @Test
    void textHoldingJsonIsNotParsedOnTheWay() {
        assertThat(lookup.find("interaction.RAW")).isPresent();
        assertThat(lookup.find("interaction.RAW.nested.id")).isEmpty();
    }

    @Test
    void chainedLookupsLetTheFirstThatKnowsANameWin() {
        VariableLookup flowVariables = name -> Optional.ofNullable(Map.<String, JsonNode>of(
                "ticket_id", IntNode.valueOf(99)).get(name));

        VariableLookup chain = Lookups.chain(flowVariables, lookup);

        assertThat(chain.find("ticket_id")).contains(IntNode.valueOf(99));
        assertThat(chain.find("lead.id")).contains(IntNode.valueOf(7));
        assertThat(chain.find("nope")).isEmpty();
        assertThat(PathLookup.chain(lookup, flowVariables).find("ticket_id")).contains(IntNode.valueOf(42));
    }

    private String text(String name) {
        return lookup.find(name).map(JsonNode::textValue).orElse(null);
    }
}
