package dev.aftercall.server.extraction;

import static dev.aftercall.server.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.aftercall.server.auth.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 004's variables API: the seed's examples posted unchanged, its answers and errors, outlet isolation. */
@QuarkusTest
class VariablesApiTest {
    static final long OUTLET = 44;
    static final long OTHER_OUTLET = 45;

    /** Seed 004's POST example, verbatim. */
    static final String SEED_VARIABLES = """
            [
            {
            "var_name": "customer_name",
            "var_type": "string",
            "description": "name of the customer as inferred from the conversation",
            "variable_id": null,
            "destination_ids": [
            32657790,
            81891481,
            22529718
            ]
            },
            {
            "var_name": "customer_phone_no.",
            "var_type": "string",
            "description": "phone No. of the customer as inferred from the conversation",
            "variable_id": 25589883,
            "destination_ids": [
            90824215
            ]
            }
            ]""";

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

    private int save(String body) {
        return as(token).body(body).post("/v2/post_call/data/variables").then().statusCode(200)
                .extract().path("payload[0].variable_id");
    }

    @Test
    void theSeedsExampleIsAcceptedAndListed() {
        as(token).body(SEED_VARIABLES).post("/v2/post_call/data/variables").then()
                .statusCode(200)
                .body("message", equalTo("success"))
                .body("payload", hasSize(2))
                .body("payload[0].var_name", equalTo("customer_name"))
                .body("payload[0].var_type", equalTo("string"))
                .body("payload[0].variable_id", notNullValue())
                .body("payload[0].destination_ids", contains(32657790, 81891481, 22529718))
                .body("payload[1].var_name", equalTo("customer_phone_no."))
                .body("payload[1].destination_ids", contains(90824215));

        as(token).get("/v2/post_call/data/variables").then().statusCode(200)
                .body("message", equalTo("success"))
                .body("payload.var_name", hasItem("customer_phone_no."));

        // Posting the same list again updates the variables of those names; it creates none.
        int before = as(token).get("/v2/post_call/data/variables").then().extract().path("payload.size()");
        as(token).body(SEED_VARIABLES).post("/v2/post_call/data/variables").then().statusCode(200);
        as(token).get("/v2/post_call/data/variables").then().body("payload", hasSize(before));
    }

    @Test
    void aNumberedVariableIsUpdated() {
        int id = save("[{\"var_name\": \"budget_" + System.nanoTime() + "\", \"var_type\": \"number\", "
                + "\"description\": \"Budget\", \"variable_id\": null}]");
        as(token).body("[{\"var_name\": \"renamed_" + id + "\", \"var_type\": \"integer\", \"description\": \"B\", "
                + "\"variable_id\": " + id + ", \"destination_ids\": [4]}]")
                .post("/v2/post_call/data/variables").then().statusCode(200)
                .body("payload[0].variable_id", equalTo(id))
                .body("payload[0].var_type", equalTo("integer"))
                .body("payload[0].destination_ids", contains(4));
    }

    @Test
    void connectAddsADestinationAndAnUnknownVariableIsTheSeedsError() {
        int id = save("[{\"var_name\": \"occasion_" + System.nanoTime() + "\", \"var_type\": \"string\", "
                + "\"description\": \"occasion mentioned by the user\", \"variable_id\": null}]");
        as(token).body("[{\"variable_id\": " + id + ", \"destination_id\": 4}]")
                .post("/v2/post_call/data/variables/connect").then().statusCode(200)
                .body("success", equalTo(true));
        as(token).get("/v2/post_call/data/variables").then()
                .body("payload.find { it.variable_id == " + id + " }.destination_ids", contains(4));

        // The seed's example names variable 12, which this outlet does not have: the seed's error.
        as(token).body("[\n{\n\"variable_id\": 12,\n\"destination_id\": 4\n}\n]")
                .post("/v2/post_call/data/variables/connect").then().statusCode(404)
                .body("success", equalTo(false)).body("message", equalTo("Variable with ID not found"));
        // Another outlet's variable is not found either.
        as(other).body("[{\"variable_id\": " + id + ", \"destination_id\": 5}]")
                .post("/v2/post_call/data/variables/connect").then().statusCode(404)
                .body("message", equalTo("Variable with ID not found"));
    }

    @Test
    void deleteIsScopedToTheTokensOutlet() {
        int id = save("[{\"var_name\": \"doomed_" + System.nanoTime() + "\", \"var_type\": \"string\", "
                + "\"variable_id\": null}]");
        String body = "{\n\"variable_id\": " + id + "\n}";

        as(other).body(body).delete("/v2/post_call/data/outlet/{outlet}/variables", OUTLET).then().statusCode(403)
                .body("success", equalTo(false));
        as(other).body(body).delete("/v2/post_call/data/outlet/{outlet}/variables", OTHER_OUTLET).then()
                .statusCode(404).body("message", equalTo("Variable with ID not found"));

        as(token).body(body).delete("/v2/post_call/data/outlet/{outlet}/variables", OUTLET).then().statusCode(200)
                .body("success", equalTo(true)).body("message", equalTo("Variable deleted successfully"));
        as(token).get("/v2/post_call/data/variables").then().body("payload.variable_id", not(hasItem(id)));
        as(token).body(body).delete("/v2/post_call/data/outlet/{outlet}/variables", OUTLET).then().statusCode(404);
    }

    @Test
    void anotherOutletSeesNoneOfTheVariables() {
        int id = save("[{\"var_name\": \"private_" + System.nanoTime() + "\", \"var_type\": \"string\"}]");
        as(other).get("/v2/post_call/data/variables").then().statusCode(200)
                .body("payload.variable_id", not(hasItem(id)));
        // Posting another outlet's id does not touch that variable: a new one is created for the poster.
        as(other).body("[{\"var_name\": \"taken\", \"var_type\": \"string\", \"variable_id\": " + id + "}]")
                .post("/v2/post_call/data/variables").then().statusCode(200)
                .body("payload[0].variable_id", not(equalTo(id)));
        as(token).get("/v2/post_call/data/variables").then()
                .body("payload.find { it.variable_id == " + id + " }.var_name", containsString("private_"));
    }

    @Test
    void badInputIsAnsweredInTheSeedsShapeNamingTheField() {
        for (List<String> bad : List.of(
                List.of("[{\"var_name\": \"x\", \"var_type\": \"colour\"}]", "[0].var_type"),
                List.of("[{\"var_type\": \"string\"}]", "[0].var_name"),
                List.of("[{\"var_name\": \"x\", \"var_type\": \"string\", \"variable_id\": \"abc\"}]",
                        "[0].variable_id"),
                List.of("[{\"var_name\": \"x\", \"var_type\": \"string\", \"destination_ids\": 4}]",
                        "[0].destination_ids"),
                List.of("[{\"var_name\": \"x\", \"var_type\": \"string\", \"destination_ids\": [\"a\"]}]",
                        "[0].destination_ids[0]"))) {
            as(token).body(bad.get(0)).post("/v2/post_call/data/variables").then().statusCode(400)
                    .body("success", equalTo(false)).body("field", equalTo(bad.get(1)));
        }
        as(token).body("{not json").post("/v2/post_call/data/variables").then().statusCode(400)
                .body("success", equalTo(false)).body("message", containsString("malformed JSON"));
        as(token).body("[]").post("/v2/post_call/data/variables").then().statusCode(400);
        as(token).body("[{\"variable_id\": \"x\", \"destination_id\": 4}]")
                .post("/v2/post_call/data/variables/connect").then().statusCode(400)
                .body("field", equalTo("[0].variable_id"));
    }
}
