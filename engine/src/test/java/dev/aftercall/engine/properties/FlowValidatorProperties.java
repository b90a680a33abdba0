package dev.aftercall.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.flow.FlowDocuments;
import dev.aftercall.engine.flow.FlowValidationException;
import dev.aftercall.engine.model.Flow;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The validator on generated documents: random graphs either read as a flow or fail with errors that name a node
 * or a field, never with another exception; well-formed chains of any length always read.
 */
class FlowValidatorProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TYPES = List.of("start", "set_variable", "decision", "api_request", "bogus");

    @Property(tries = 500)
    void randomGraphsReadOrFailWithNamedErrors(@ForAll("graphs") ObjectNode document) {
        try {
            Flow flow = FlowDocuments.parse(document);
            assertThat(flow.start()).isNotNull();
        } catch (FlowValidationException e) {
            assertThat(e.errors()).isNotEmpty();
            assertThat(e.errors()).allSatisfy(error -> assertThat(error.error()).isNotBlank());
        }
    }

    @Property(tries = 200)
    void aChainOfSetVariablesAlwaysReads(@ForAll @IntRange(min = 0, max = 300) int length) {
        ObjectNode document = JSON.createObjectNode();
        ArrayNode nodes = document.putArray("nodes");
        ArrayNode edges = document.putArray("edges");
        nodes.addObject().put("id", "start").put("type", "start");
        String previous = "start";
        for (int i = 0; i < length; i++) {
            String id = "n" + i;
            nodes.addObject().put("id", id).put("type", "set_variable").putObject("assignments").put("v" + i, "{{v}}");
            edges.addObject().put("from", previous).put("to", id);
            previous = id;
        }

        Flow flow = FlowDocuments.parse(document);

        assertThat(flow.nodes()).hasSize(length + 1);
    }

    @Provide
    Arbitrary<ObjectNode> graphs() {
        Arbitrary<String> ids = Arbitraries.of("start", "a", "b", "c", "d", "", "a b");
        Arbitrary<String> types = Arbitraries.of(TYPES);
        Arbitrary<ObjectNode> node = Combinators.combine(ids, types, Arbitraries.of("", "{{x}}", "{{", "http://t/{{id}}"))
                .as((id, type, text) -> {
                    ObjectNode n = JSON.createObjectNode().put("id", id).put("type", type);
                    switch (type) {
                        case "set_variable" -> n.putObject("assignments").put("x", text);
                        case "api_request" -> n.put("url", text).put("method", "POST");
                        case "decision" -> n.putArray("branches").addObject().put("port", "yes")
                                .putArray("conditions").addObject().put("left", text).put("operator", "==")
                                .put("right", 1);
                        default -> { }
                    }
                    return n;
                });
        Arbitrary<ObjectNode> edge = Combinators.combine(ids, ids, Arbitraries.of("", "ok", "error", "yes", "default"))
                .as((from, to, port) -> {
                    ObjectNode e = JSON.createObjectNode().put("from", from).put("to", to);
                    if (!port.isEmpty()) {
                        e.put("port", port);
                    }
                    return e;
                });
        return Combinators.combine(node.list().ofMaxSize(8), edge.list().ofMaxSize(10), Arbitraries.of(0, 5, 50))
                .as((nodes, edges, maxSteps) -> {
                    ObjectNode document = JSON.createObjectNode();
                    document.putArray("nodes").addAll(nodes);
                    document.putArray("edges").addAll(edges);
                    if (maxSteps > 0) {
                        document.put("max_steps", maxSteps);
                    }
                    return document;
                });
    }
}
