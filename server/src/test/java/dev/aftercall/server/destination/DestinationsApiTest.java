package dev.aftercall.server.destination;

import static dev.aftercall.server.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.extraction.ExtractionFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 004's destinations API: both body forms of the seed unchanged, its answers, masking, outlet isolation. */
@QuarkusTest
class DestinationsApiTest {
    static final long OUTLET = 46;
    static final long OTHER_OUTLET = 47;

    /** The seed's first example: a bare array, headers and body as JSON strings. */
    static final String SEED_ARRAY = """
            [
            {
            "destination_name": "Webhook Destination",
            "destination_type": "custom",
            "api_url": "https://api.example.com/webhook",
            "api_method": "POST",
            "api_headers": "{\\"Content-Type\\": \\"application/json\\", \\"Authorization\\": \\"Bearer token123\\"}",
            "api_body": "{\\"customer_name\\": \\"{{customer_name}}\\", \\"order_id\\": \\"{{order_id}}\\"}"
            }
            ]""";

    /** The seed's second example: {"destination": [...]} with objects. */
    static final String SEED_WRAPPED = """
            {
            "destination": [
            {
            "destination_name": "CRM Webhook",
            "destination_type": "webhook",
            "api_url": "https://crm.example.com/webhook",
            "api_method": "POST",
            "api_headers": {
            "Authorization": "Bearer abcdef123456",
            "Content-Type": "application/json"
            },
            "api_body": {
            "lead_name": "John Doe",
            "contact_email": "johndoe@example.com",
            "phone_number": "+919876543210",
            "call_summary": "Customer interested in product demo",
            "location": "Bengaluru"
            }
            },
            {
            "destination_name": "Salesforce CRM",
            "destination_type": "crm",
            "api_url": "https://salesforce.example.com/api/leads",
            "api_method": "PUT",
            "api_headers": {
            "Authorization": "Bearer sf_token_987654",
            "Content-Type": "application/json",
            "X-Custom-Header": "custom-value"
            },
            "api_body": {
            "full_name": "Jane Smith",
            "email": "janesmith@example.com",
            "phone": "+918765432109",
            "lead_score": "85",
            "source": "Inbound call"
            }
            }
            ]
            }""";

    /** The seed's third example, with placeholders. */
    static final String SEED_PLACEHOLDERS = """
            {
            "destination": [
            {
            "destination_name": "CRM Webhook",
            "destination_type": "webhook",
            "api_url": "https://crm.example.com/webhook",
            "api_method": "POST",
            "api_headers": {
            "Authorization": "Bearer ABC123",
            "Content-Type": "application/json"
            },
            "api_body": {
            "lead_name": "{{guest_name}}",
            "contact_email": "{{email_id}}"
            }
            }
            ]
            }""";

    @Inject
    Tokens tokens;

    @Inject
    ExtractionFixtures fixtures;

    String token;
    String other;

    @BeforeEach
    void setUp() {
        fixtures.outlet(OUTLET, "UTC");
        fixtures.outlet(OTHER_OUTLET, "UTC");
        token = tokens.mint(OUTLET, null);
        other = tokens.mint(OTHER_OUTLET, null);
    }

    @Test
    void everyExampleOfTheSeedIsAccepted() {
        as(token).body(SEED_ARRAY).post("/v2/post_call/data/destinations").then().statusCode(200)
                .body("success", equalTo(true)).body("message", equalTo("Destinations created successfully"))
                .body("payload[0].destination_id", notNullValue())
                .body("payload[0].api_body.order_id", equalTo("{{order_id}}"))
                .body("payload[0].api_headers.Authorization", equalTo("Bearer ********"));
        as(token).body(SEED_WRAPPED).post("/v2/post_call/data/destinations").then().statusCode(200)
                .body("success", equalTo(true)).body("payload", hasSize(2))
                .body("payload[1].api_method", equalTo("PUT"))
                .body("payload[1].api_headers.X-Custom-Header", equalTo("custom-value"));
        as(token).body(SEED_PLACEHOLDERS).post("/v2/post_call/data/destinations").then().statusCode(200)
                .body("payload[0].api_body.lead_name", equalTo("{{guest_name}}"));

        as(token).get("/v2/post_call/data/destinations").then().statusCode(200)
                .body("success", equalTo(true)).body("message", equalTo("Destinations fetched successfully"))
                .body("payload.destination_name", hasItem("Salesforce CRM"))
                .body("payload.api_headers.Authorization", not(hasItem("Bearer sf_token_987654")));
    }

    @Test
    void deleteTakesTheIdAsQueryOrBodyAndOnlyTheOutletsOwn() {
        int first = create();
        int second = create();
        int third = create();

        as(other).queryParam("destination_id", first).delete("/v2/post_call/data/destinations").then()
                .statusCode(404).body("success", equalTo(false))
                .body("message", equalTo("Destination with ID not found"));
        as(other).get("/v2/post_call/data/destinations").then().body("payload.destination_id", not(hasItem(first)));

        as(token).queryParam("destination_id", first).delete("/v2/post_call/data/destinations").then()
                .statusCode(200).body("success", equalTo(true))
                .body("message", equalTo("Destination deleted successfully"));
        as(token).body("{\"destination_id\": " + second + "}").delete("/v2/post_call/data/destinations").then()
                .statusCode(200);
        // The seed writes the body as {destination_id=5}.
        as(token).body("{\ndestination_id=" + third + "\n}").delete("/v2/post_call/data/destinations").then()
                .statusCode(200);
        as(token).get("/v2/post_call/data/destinations").then()
                .body("payload.destination_id", not(hasItem(first)))
                .body("payload.destination_id", not(hasItem(third)));
        as(token).queryParam("destination_id", first).delete("/v2/post_call/data/destinations").then()
                .statusCode(404);
    }

    @Test
    void badDestinationsNameTheField() {
        String[][] cases = {
                {"[{\"api_url\": \"https://x.example.com\"}]", "destination[0].destination_name"},
                {"[{\"destination_name\": \"a\"}]", "destination[0].api_url"},
                {"[{\"destination_name\": \"a\", \"api_url\": \"ftp://x.example.com\"}]", "destination[0].api_url"},
                {"[{\"destination_name\": \"a\", \"api_url\": \"https://x.example.com\", \"api_method\": \"BREW\"}]",
                        "destination[0].api_method"},
                {"[{\"destination_name\": \"a\", \"api_url\": \"https://x.example.com\", \"api_headers\": \"{no\"}]",
                        "destination[0].api_headers"},
                {"[{\"destination_name\": \"a\", \"api_url\": \"https://x.example.com\", "
                        + "\"api_headers\": {\"X-A\": \"a\\r\\nInjected: 1\"}}]", "destination[0].api_headers.X-A"},
                {"{\"destination\": [{\"destination_name\": \"a\", \"api_url\": \"https://x.example.com\", "
                        + "\"api_body\": {\"a\": \"{{unclosed\"}}]}", "destination[0].api_body"},
        };
        for (String[] bad : cases) {
            as(token).body(bad[0]).post("/v2/post_call/data/destinations").then().statusCode(400)
                    .body("success", equalTo(false)).body("field", equalTo(bad[1]));
        }
    }

    private int create() {
        return as(token).body(SEED_PLACEHOLDERS).post("/v2/post_call/data/destinations").then().statusCode(200)
                .extract().path("payload[0].destination_id");
    }
}
