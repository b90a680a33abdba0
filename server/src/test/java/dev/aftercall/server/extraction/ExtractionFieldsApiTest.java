package dev.aftercall.server.extraction;

import static dev.aftercall.server.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 003's extraction fields per agent: the seed's JSON accepted unchanged, checked, and scoped to the outlet. */
@QuarkusTest
class ExtractionFieldsApiTest {
    /** Seed 003's example, verbatim. */
    static final String SEED_003_FIELDS = """
            [
            {"name": "customer_name", "type": "string", "description": "Customer full name"},
            {"name": "interest_level", "type": "enum", "description": "high, medium, low, none"},
            {"name": "follow_up_required", "type": "boolean", "description": "Whether follow-up is needed"},
            {"name": "follow_up_date", "type": "string", "description": "Follow-up date in ISO 8601 format"},
            {"name": "callback_number", "type": "string", "description": "Phone number to call back, digits only"}
            ]""";

    @Inject
    Tokens tokens;

    @Inject
    TestDatabase db;

    String token;
    String agent;

    @BeforeEach
    void setUp() {
        token = tokens.mint(1, null);
        agent = "agent-" + UUID.randomUUID();
    }

    @Test
    void theSeedsFieldsArePutAndReadBackUnchanged() {
        as(token).get("/api/v1/agents/{agent}/extraction-fields", agent).then().statusCode(200).body("$", empty());

        as(token).body(SEED_003_FIELDS).put("/api/v1/agents/{agent}/extraction-fields", agent).then()
                .statusCode(200)
                .body("name", contains("customer_name", "interest_level", "follow_up_required", "follow_up_date",
                        "callback_number"))
                .body("type", contains("string", "enum", "boolean", "string", "string"))
                .body("[1].description", equalTo("high, medium, low, none"));

        as(token).get("/api/v1/agents/{agent}/extraction-fields", agent).then().statusCode(200)
                .body("$", hasSize(5)).body("[2].name", equalTo("follow_up_required"));
    }

    @Test
    void aPutReplacesTheAgentsFields() {
        as(token).body(SEED_003_FIELDS).put("/api/v1/agents/{agent}/extraction-fields", agent).then().statusCode(200);
        as(token).body("[{\"name\": \"budget\", \"type\": \"number\", \"description\": \"Budget in rupees\"}]")
                .put("/api/v1/agents/{agent}/extraction-fields", agent).then().statusCode(200);
        as(token).get("/api/v1/agents/{agent}/extraction-fields", agent).then()
                .body("name", contains("budget")).body("[0].type", equalTo("number"));
    }

    @Test
    void badFieldsAreRefusedNamingTheField() {
        as(token).body("[{\"name\": \"x\", \"type\": \"colour\"}]")
                .put("/api/v1/agents/{agent}/extraction-fields", agent).then().statusCode(400)
                .body("field", equalTo("[0].type")).body("error", containsString("allowed: string"));
        as(token).body("[{\"type\": \"string\"}]")
                .put("/api/v1/agents/{agent}/extraction-fields", agent).then().statusCode(400)
                .body("field", equalTo("[0].name"));
        as(token).body("[{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"a\", \"type\": \"number\"}]")
                .put("/api/v1/agents/{agent}/extraction-fields", agent).then().statusCode(400)
                .body("field", equalTo("[1].name"));
        as(token).body("{\"name\": \"a\"}")
                .put("/api/v1/agents/{agent}/extraction-fields", agent).then().statusCode(400);
    }

    @Test
    void anotherOutletsTokenSeesNoneOfTheFields() {
        db.ensureOutlet(TestDatabase.SECOND_OUTLET, "Second outlet");
        String other = tokens.mint(TestDatabase.SECOND_OUTLET, null);
        as(token).body(SEED_003_FIELDS).put("/api/v1/agents/{agent}/extraction-fields", agent).then().statusCode(200);

        as(other).get("/api/v1/agents/{agent}/extraction-fields", agent).then().statusCode(200).body("$", empty());
        as(other).body("[]").put("/api/v1/agents/{agent}/extraction-fields", agent).then().statusCode(200);
        as(token).get("/api/v1/agents/{agent}/extraction-fields", agent).then().body("$", hasSize(5));
    }
}
