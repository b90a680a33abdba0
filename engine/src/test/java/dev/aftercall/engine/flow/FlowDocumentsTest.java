package dev.aftercall.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.model.ApiRequestNode;
import dev.aftercall.engine.model.DecisionNode;
import dev.aftercall.engine.model.Flow;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The helpdesk flow exactly as DESIGN.md shows it. */
    static final String HELPDESK = """
            {
              "name": "escalate-to-helpdesk",
              "description": "Open a ticket when the call was escalated",
              "nodes": [
                {"id": "start", "type": "start", "ui": {"x": 0, "y": 0}},
                {"id": "escalated", "type": "decision",
                 "branches": [{"port": "yes", "match": "all",
                               "conditions": [{"left": "{{interaction.DISPOSITION}}", "operator": "==", "right": "escalated"}]}],
                 "default_port": "no"},
                {"id": "ticket", "type": "api_request", "method": "POST",
                 "url": "https://helpdesk.example.com/api/tickets",
                 "query": {"source": "voice"}, "headers": {"Content-Type": "application/json"},
                 "body": {"subject": "Call {{interaction.CALL_ID}}", "summary": "{{interaction.SUMMARY}}"},
                 "auth_profile": "helpdesk", "timeout_ms": 10000,
                 "retry": {"max_attempts": 5, "backoff": "exponential", "base_delay_ms": 1000},
                 "response_mapping": {"ticket_id": "$.ticket.id"}},
                {"id": "keep", "type": "set_variable", "assignments": {"external_ticket_id": "{{ticket_id}}"}}
              ],
              "edges": [
                {"from": "start", "to": "escalated"},
                {"from": "escalated", "port": "yes", "to": "ticket"},
                {"from": "ticket", "to": "keep"}
              ]
            }""";

    static ObjectNode helpdesk() throws Exception {
        return (ObjectNode) JSON.readTree(HELPDESK);
    }

    @Test
    void designDocumentHelpdeskFlowParsesWithEveryField() throws Exception {
        Flow flow = FlowDocuments.parse(helpdesk());

        assertThat(flow.name()).isEqualTo("escalate-to-helpdesk");
        assertThat(flow.start().id()).isEqualTo("start");
        ApiRequestNode ticket = (ApiRequestNode) flow.node("ticket").orElseThrow();
        assertThat(ticket.method()).isEqualTo("POST");
        assertThat(ticket.query()).containsEntry("source", "voice");
        assertThat(ticket.authProfile()).isEqualTo("helpdesk");
        assertThat(ticket.retry().maxAttempts()).isEqualTo(5);
        assertThat(ticket.responseMapping()).containsEntry("ticket_id", "$.ticket.id");
        DecisionNode decision = (DecisionNode) flow.node("escalated").orElseThrow();
        assertThat(decision.ports()).containsExactly("yes", "no");
        assertThat(flow.next("start", "next")).contains("escalated");
        assertThat(flow.next("ticket", "ok")).contains("keep");
        assertThat(flow.next("escalated", "no")).isEmpty();
    }

    @Test
    void unknownNodeTypeIsRejectedNamingTheNode() throws Exception {
        ObjectNode doc = helpdesk();
        ((ObjectNode) doc.withArray("nodes").get(3)).put("type", "send_sms");

        assertThat(FlowDocuments.validate(doc)).singleElement().satisfies(e -> {
            assertThat(e.node()).isEqualTo("keep");
            assertThat(e.field()).isEqualTo("type");
            assertThat(e.error()).contains("unknown node type 'send_sms'");
        });
    }

    @Test
    void sayNodeIsRejectedBecauseTheCallHasEnded() throws Exception {
        ObjectNode doc = helpdesk();
        doc.withArray("nodes").addObject().put("id", "greet").put("type", "say").put("text", "hi");

        assertThat(FlowDocuments.validate(doc)).singleElement().satisfies(e -> {
            assertThat(e.node()).isEqualTo("greet");
            assertThat(e.error()).contains("say nodes are not supported");
        });
    }

    @Test
    void flowWithoutStartIsRejected() throws Exception {
        ObjectNode doc = helpdesk();
        doc.withArray("nodes").remove(0);
        doc.withArray("edges").remove(0);

        assertThat(FlowDocuments.validate(doc)).extracting(FlowError::error).contains("the flow has no start node");
    }

    @Test
    void secondStartIsRejected() throws Exception {
        ObjectNode doc = helpdesk();
        doc.withArray("nodes").addObject().put("id", "start2").put("type", "start");

        assertThat(FlowDocuments.validate(doc)).singleElement().satisfies(e -> assertThat(e.node()).isEqualTo("start2"));
    }

    @Test
    void danglingEdgeNamesTheEdge() throws Exception {
        ObjectNode doc = helpdesk();
        doc.withArray("edges").addObject().put("from", "keep").put("to", "nowhere");

        assertThat(FlowDocuments.validate(doc)).singleElement().satisfies(e -> {
            assertThat(e.node()).isEqualTo("keep");
            assertThat(e.field()).isEqualTo("edges[3].to");
            assertThat(e.error()).contains("unknown node 'nowhere'");
        });
    }

    @Test
    void unknownPortIsRejectedListingTheNodesPorts() throws Exception {
        ObjectNode doc = helpdesk();
        ((ObjectNode) doc.withArray("edges").get(2)).put("port", "maybe");

        assertThat(FlowDocuments.validate(doc)).singleElement().satisfies(e -> {
            assertThat(e.node()).isEqualTo("ticket");
            assertThat(e.error()).contains("no port 'maybe'").contains("ok, error");
        });
    }

    @Test
    void unreachableNodeIsRejected() throws Exception {
        ObjectNode doc = helpdesk();
        doc.withArray("nodes").addObject().put("id", "orphan").put("type", "set_variable")
                .putObject("assignments").put("x", "1");

        assertThat(FlowDocuments.validate(doc)).singleElement().satisfies(e -> {
            assertThat(e.node()).isEqualTo("orphan");
            assertThat(e.error()).contains("not reachable");
        });
    }

    @Test
    void cycleIsRejectedUnlessMaxStepsBoundsIt() throws Exception {
        ObjectNode doc = helpdesk();
        doc.withArray("edges").addObject().put("from", "keep").put("to", "escalated");

        assertThat(FlowDocuments.validate(doc)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("max_steps");
            assertThat(e.error()).contains("loops back");
        });
        doc.put("max_steps", 20);
        assertThat(FlowDocuments.validate(doc)).isEmpty();
    }

    @Test
    void brokenTemplateAndJsonPathNameNodeAndField() throws Exception {
        ObjectNode doc = helpdesk();
        ObjectNode ticket = (ObjectNode) doc.withArray("nodes").get(2);
        ticket.put("url", "https://helpdesk.example.com/{{interaction.CALL_ID");
        ticket.putObject("response_mapping").put("ticket_id", "$.ticket[?(@.id ==");

        List<FlowError> errors = FlowDocuments.validate(doc);

        assertThat(errors).extracting(FlowError::field).containsExactlyInAnyOrder("url", "response_mapping.ticket_id");
        assertThat(errors).allSatisfy(e -> assertThat(e.node()).isEqualTo("ticket"));
        assertThat(errors.get(0).error()).contains("unclosed");
    }

    @Test
    void brokenConditionNamesTheOperand() throws Exception {
        ObjectNode doc = helpdesk();
        ObjectNode condition = (ObjectNode) doc.withArray("nodes").get(1).get("branches").get(0).get("conditions").get(0);
        condition.put("operator", "roughly");

        assertThat(FlowDocuments.validate(doc)).singleElement().satisfies(e -> {
            assertThat(e.node()).isEqualTo("escalated");
            assertThat(e.field()).isEqualTo("branches[0].conditions[0].operator");
            assertThat(e.error()).contains("roughly");
        });
    }

    @Test
    void misspelledFieldIsRejectedRatherThanIgnored() throws Exception {
        ObjectNode doc = helpdesk();
        ((ObjectNode) doc.withArray("nodes").get(2)).put("respone_mapping", "x");

        assertThat(FlowDocuments.validate(doc)).singleElement().satisfies(e -> {
            assertThat(e.node()).isEqualTo("ticket");
            assertThat(e.field()).isEqualTo("respone_mapping");
        });
    }

    @Test
    void wrongValueTypeNamesTheField() throws Exception {
        ObjectNode doc = helpdesk();
        ((ObjectNode) doc.withArray("nodes").get(2)).put("timeout_ms", "soon");

        assertThat(FlowDocuments.validate(doc)).singleElement().satisfies(e -> {
            assertThat(e.node()).isEqualTo("ticket");
            assertThat(e.field()).isEqualTo("timeout_ms");
        });
    }

    @Test
    void notAnObjectIsRejected() throws Exception {
        assertThatThrownBy(() -> FlowDocuments.parse(JSON.readTree("[1,2]")))
                .isInstanceOf(FlowValidationException.class).hasMessageContaining("JSON object");
        assertThat(FlowDocuments.validate(JSON.readTree("{\"nodes\": 3}")))
                .extracting(FlowError::field).containsExactly("nodes");
    }

    @Test
    void tenThousandNodeChainValidatesWithoutOverflowingTheStack() {
        ObjectNode doc = JSON.createObjectNode();
        ArrayNode nodes = doc.putArray("nodes");
        ArrayNode edges = doc.putArray("edges");
        nodes.addObject().put("id", "start").put("type", "start");
        String previous = "start";
        for (int i = 0; i < 9_999; i++) {
            String id = "n" + i;
            nodes.addObject().put("id", id).put("type", "set_variable").putObject("assignments").put("i", i);
            edges.addObject().put("from", previous).put("to", id);
            previous = id;
        }

        Flow flow = FlowDocuments.parse(doc);

        assertThat(flow.nodes()).hasSize(10_000);
        nodes.addObject().put("id", "one-too-many").put("type", "set_variable").putObject("assignments").put("i", 1);
        edges.addObject().put("from", previous).put("to", "one-too-many");
        assertThat(FlowDocuments.validate(doc)).extracting(FlowError::error)
                .containsExactly("a flow may have at most 10000 nodes");
    }

    static JsonNode read(String json) throws Exception {
        return JSON.readTree(json);
    }
}
