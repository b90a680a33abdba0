package dev.aftercall.server.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.json.Json;
import java.util.List;
import java.util.Map;

/** Whole flow documents and calls for the flow tests, in the shape DESIGN.md and seed 002 describe. */
public final class SampleFlows {
    private SampleFlows() {
    }

    /**
     * Seed 002's example: open a helpdesk ticket when the call was escalated, keep the ticket id. The ticket URL
     * points at a stub target; {@code agents} keeps the flow from running for other tests' calls.
     */
    public static ObjectNode helpdesk(String name, String ticketUrl, String authProfile, List<String> agents) {
        ObjectNode flow = (ObjectNode) Json.tree("""
                {
                  "name": "%s",
                  "description": "Open a ticket when the call was escalated",
                  "nodes": [
                    {"id": "start", "type": "start", "ui": {"x": 40, "y": 120}},
                    {"id": "escalated", "type": "decision",
                     "branches": [{"port": "yes", "match": "all",
                                   "conditions": [{"left": "{{interaction.DISPOSITION}}", "operator": "==",
                                                   "right": "escalated"}]}],
                     "default_port": "no", "ui": {"x": 240, "y": 120}},
                    {"id": "ticket", "type": "api_request", "method": "POST",
                     "url": "%s",
                     "query": {"source": "voice"}, "headers": {"Content-Type": "application/json"},
                     "body": {"subject": "Call {{interaction.CALL_ID}}", "summary": "{{interaction.SUMMARY}}",
                              "duration": "{{interaction.DURATION}}"},
                     "timeout_ms": 5000,
                     "retry": {"max_attempts": 3, "backoff": "exponential", "base_delay_ms": 50},
                     "response_mapping": {"ticket_id": "$.ticket.id"}, "ui": {"x": 440, "y": 60}},
                    {"id": "keep", "type": "set_variable", "assignments": {"external_ticket_id": "{{ticket_id}}"},
                     "ui": {"x": 640, "y": 60}}
                  ],
                  "edges": [
                    {"from": "start", "to": "escalated"},
                    {"from": "escalated", "port": "yes", "to": "ticket"},
                    {"from": "ticket", "to": "keep"}
                  ]
                }
                """.formatted(name, ticketUrl));
        if (authProfile != null) {
            ((ObjectNode) flow.get("nodes").get(2)).put("auth_profile", authProfile);
        }
        if (agents != null) {
            flow.set("agents", Json.tree(agents));
        }
        return flow;
    }

    /** The smallest valid flow: a start node and one assignment. */
    static ObjectNode minimal(String name) {
        return (ObjectNode) Json.tree("""
                {"name": "%s", "nodes": [{"id": "start", "type": "start"},
                                         {"id": "set", "type": "set_variable", "assignments": {"done": true}}],
                 "edges": [{"from": "start", "to": "set"}]}
                """.formatted(name));
    }

    /** A finished call as a voice platform posts it. */
    public static Map<String, Object> call(String callId, String agent, String disposition) {
        return Map.of(
                "call_id", callId,
                "agent", agent,
                "call_duration", 93,
                "hangup_reason", "user_hangup",
                "transcript", "agent: Hello\nuser: I need a human, my order never arrived.",
                "summary", "Order never arrived; caller asked for a human.",
                "disposition", disposition,
                "call_metadata", Map.of("order_id", "A-17"));
    }
}
