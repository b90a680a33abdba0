package dev.aftercall.server.destination;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.template.Render;
import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.delivery.Deliveries;
import dev.aftercall.server.delivery.DeliveryRequest;
import dev.aftercall.server.destination.DestinationStore.Destination;
import dev.aftercall.server.extraction.ExtractionFixtures;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.pipeline.CallWork;
import dev.aftercall.server.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The destinations stage: rendering a destination's request for a call, and handing it to the deliveries. */
@QuarkusTest
class DestinationStageTest {
    static final long OUTLET = 48;

    @Inject
    Tokens tokens;

    @Inject
    ExtractionFixtures fixtures;

    @Inject
    Instance<Deliveries> deliveries;

    @Test
    void placeholdersTakeTheCallsVariablesAndTheSeedsStandardFields() {
        ObjectNode call = (ObjectNode) Json.tree("""
                {"call_id": "c-1", "user_phone_number": "+919876543210", "disposition": "interested",
                 "ended_at": "2025-01-31T14:05:00Z", "call_metadata": {"brand_id": 7, "source": "website"},
                 "transcript": "User: hello",
                 "post_call": {"customer_name": "Asha Rao", "email": "asha.rao@example.com", "party_size": 4,
                               "email_id": null}}""");
        Destination destination = new Destination(9, "CRM", "webhook", "https://crm.example.com/leads/{{call_id}}",
                "POST", Map.of("Authorization", "Bearer {{call_metadata.brand_id}}"), Json.tree("""
                {"lead_name": "{{guest_name}}", "email": "{{email_id}}", "phone": "{{phone_number}}",
                 "size": "{{party_size}}", "note": "size {{party_size}} for {{customer_name}}",
                 "brand": "{{brand_id}}", "outlet": "{{outlet_id}}", "at": "{{timestamp}}",
                 "outcome": "{{call_outcome}}", "source": "{{source}}", "transcript": "{{transcript}}",
                 "modality": "{{interaction_modality}}", "missing": "{{nope}}"}"""));
        Render render = Render.lenient();

        DeliveryRequest request = DestinationStage.render(new CallWork(1, "c-1", OUTLET, "a", call), destination,
                PlaceholderValues.of(call, OUTLET), render);

        assertThat(request.url()).isEqualTo("https://crm.example.com/leads/c-1");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.idempotencyKey()).isEqualTo("c-1:destination:9");
        assertThat(request.headers()).containsEntry("Authorization", "Bearer 7")
                .containsEntry("Content-Type", "application/json");
        JsonNode body = Json.tree(request.body());
        assertThat(body.path("lead_name").asText()).isEqualTo("Asha Rao");
        assertThat(body.path("email").asText()).isEqualTo("asha.rao@example.com");
        assertThat(body.path("phone").asText()).isEqualTo("+919876543210");
        assertThat(body.path("size").isInt()).isTrue();
        assertThat(body.path("note").asText()).isEqualTo("size 4 for Asha Rao");
        assertThat(body.path("brand").asInt()).isEqualTo(7);
        assertThat(body.path("outlet").asLong()).isEqualTo(OUTLET);
        assertThat(body.path("at").asText()).isEqualTo("2025-01-31T14:05:00Z");
        assertThat(body.path("outcome").asText()).isEqualTo("interested");
        assertThat(body.path("source").asText()).isEqualTo("website");
        assertThat(body.path("transcript").asText()).isEqualTo("User: hello");
        assertThat(body.path("modality").asText()).isEqualTo("voice");
        assertThat(render.missingVariables()).containsExactly("nope");
    }

    @Test
    void aCallWithConnectedVariablesHandsOneRequestPerDestinationToTheDeliveries() {
        fixtures.outlet(OUTLET, "Asia/Kolkata");
        String token = tokens.mint(OUTLET, null);
        int destination = as(token).body(DestinationsApiTest.SEED_PLACEHOLDERS)
                .post("/v2/post_call/data/destinations").then().statusCode(200)
                .extract().path("payload[0].destination_id");
        as(token).body("[{\"var_name\": \"email_id\", \"var_type\": \"email\", \"description\": \"Email of the user\","
                        + " \"variable_id\": null, \"destination_ids\": [" + destination + "]}]")
                .post("/v2/post_call/data/variables").then().statusCode(200);

        String callId = Api.newCallId();
        as(token).body(ExtractionFixtures.call(callId, "any-agent", Map.of())).post("/api/v1/calls").then()
                .statusCode(202);

        var detail = Api.awaitFinished(token, callId).body("status", equalTo("completed"))
                .body("post_call.email_id", equalTo("asha.rao@example.com"))
                .body("results.destinations.findAll { it.destination_id == " + destination + " }", hasSize(1));
        String status = detail.extract().path("results.destinations.find { it.destination_id == " + destination
                + " }.status");
        if (deliveries.isResolvable()) {
            assertThat(status).isEqualTo("queued");
        } else {
            assertThat(status).isEqualTo("skipped");
        }
    }
}
