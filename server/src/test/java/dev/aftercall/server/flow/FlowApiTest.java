package dev.aftercall.server.flow;

import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FlowApiTest {
    private static final String TARGET = "https://helpdesk.example.com/api/tickets";

    @Inject
    Tokens tokens;

    @Inject
    TestDatabase database;

    String token;
    /** Published test flows only apply to this agent, so other tests' calls never run them. */
    String agent;

    @BeforeEach
    void signIn() {
        token = tokens.mint(1, null);
        agent = "flow-api-" + UUID.randomUUID();
    }

    private ObjectNode helpdesk() {
        return SampleFlows.helpdesk("helpdesk " + UUID.randomUUID(), TARGET, null, List.of(agent));
    }

    private int create(JsonNode document) {
        return as(token).body(document.toString()).post("/api/v1/flows").then().statusCode(201).extract().path("id");
    }

    @Test
    void aCreatedFlowKeepsItsDocumentAsPostedAndIsADraft() {
        ObjectNode document = helpdesk();
        JsonPath created = as(token).body(document.toString()).post("/api/v1/flows").then()
                .statusCode(201)
                .body("name", equalTo(document.get("name").asText()))
                .body("description", equalTo("Open a ticket when the call was escalated"))
                .body("agents", contains(agent))
                .body("published_version", nullValue())
                .body("versions", empty())
                .body("draft.nodes[0].ui.x", equalTo(40))
                .extract().jsonPath();
        int id = created.getInt("id");

        String fetched = as(token).get("/api/v1/flows/{id}", id).then().statusCode(200).extract().asString();
        assertThat(Json.tree(fetched).get("draft")).isEqualTo(document);
        as(token).get("/api/v1/flows?size=200").then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void anInvalidDraftIsSavedWithItsErrorsAndPublishingItIsRefused() {
        ObjectNode document = helpdesk();
        ((ObjectNode) document.get("nodes").get(3)).put("type", "say");
        JsonPath saved = as(token).body(document.toString()).post("/api/v1/flows").then()
                .statusCode(201)
                .body("valid", equalTo(false))
                .body("errors.node", hasItem("keep"))
                .body("errors.error", hasItem(org.hamcrest.Matchers.containsString("say")))
                .extract().jsonPath();
        int id = saved.getInt("id");
        String draft = as(token).get("/api/v1/flows/{id}", id).then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].node", equalTo("keep"))
                .body("errors[0].field", equalTo("type"))
                .extract().asString();
        assertThat(Json.tree(draft).get("draft")).isEqualTo(document);

        as(token).post("/api/v1/flows/{id}/publish", id).then()
                .statusCode(400)
                .body("node", equalTo("keep"))
                .body("field", equalTo("type"));
        as(token).get("/api/v1/flows/{id}", id).then().body("published_version", nullValue()).body("versions", empty());

        ((ObjectNode) document.get("nodes").get(3)).put("type", "set_variable");
        as(token).body(document.toString()).put("/api/v1/flows/{id}", id).then()
                .statusCode(200).body("valid", equalTo(true)).body("errors", empty());
        as(token).post("/api/v1/flows/{id}/publish", id).then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void aDraftWithoutStartOrWithADanglingEdgeIsSavedNamingTheProblem() {
        ObjectNode noStart = helpdesk();
        ((ObjectNode) noStart.get("nodes").get(0)).put("type", "set_variable")
                .set("assignments", Json.tree(Map.of("x", 1)));
        as(token).body(noStart.toString()).post("/api/v1/flows").then()
                .statusCode(201)
                .body("valid", equalTo(false))
                .body("errors.error", hasItem("the flow has no start node"));

        ObjectNode dangling = helpdesk();
        ((ObjectNode) dangling.get("edges").get(2)).put("to", "nowhere");
        int id = as(token).body(dangling.toString()).post("/api/v1/flows").then()
                .statusCode(201)
                .body("errors.node", hasItem("ticket"))
                .body("errors.field", hasItem("edges[2].to"))
                .extract().path("id");
        as(token).post("/api/v1/flows/{id}/publish", id).then().statusCode(400).body("field", equalTo("edges[2].to"));
    }

    @Test
    void aPublishedVersionKeepsRunningWhileTheDraftIsBroken() {
        ObjectNode good = helpdesk();
        int id = create(good);
        as(token).post("/api/v1/flows/{id}/publish", id).then().statusCode(200).body("version", equalTo(1));

        ObjectNode broken = good.deepCopy();
        ((ObjectNode) broken.get("nodes").get(2)).put("url", "ftp://files");
        as(token).body(broken.toString()).put("/api/v1/flows/{id}", id).then()
                .statusCode(200).body("valid", equalTo(false)).body("published_version", equalTo(1));
        as(token).post("/api/v1/flows/{id}/publish", id).then().statusCode(400).body("node", equalTo("ticket"));

        assertThat(Json.tree(as(token).get("/api/v1/flows/{id}/export?version=1", id).asString())).isEqualTo(good);
        as(token).get("/api/v1/flows/{id}/versions", id).then().body("items.version", contains(1));
    }

    @Test
    void nameAndAgentsAreCheckedButTheDraftIsKept() {
        ObjectNode unnamed = helpdesk();
        unnamed.remove("name");
        int id = as(token).body(unnamed.toString()).post("/api/v1/flows").then().statusCode(201)
                .body("name", equalTo("Untitled flow"))
                .body("valid", equalTo(false))
                .body("errors.field", hasItem("name"))
                .extract().path("id");
        as(token).post("/api/v1/flows/{id}/publish", id).then().statusCode(400).body("field", equalTo("name"));

        ObjectNode badAgents = helpdesk();
        badAgents.put("agents", "agent-1");
        as(token).body(badAgents.toString()).put("/api/v1/flows/{id}", id).then()
                .statusCode(200)
                .body("name", equalTo(badAgents.get("name").asText()))
                .body("agents", contains(agent))
                .body("errors.field", hasItem("agents"));
    }

    @Test
    void aBodyThatIsNotAFlowDocumentIsRefused() {
        as(token).body("[1, 2]").post("/api/v1/flows").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("JSON object"));
        int id = create(helpdesk());
        as(token).body("\"text\"").put("/api/v1/flows/{id}", id).then().statusCode(400);
    }

    @Test
    void validateAnswers200WithTheErrorsWithoutSaving() {
        ObjectNode broken = helpdesk();
        ((ObjectNode) broken.get("nodes").get(2)).put("url", "ftp://files");
        as(token).body(broken.toString()).post("/api/v1/flows/validate").then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].node", equalTo("ticket"))
                .body("errors[0].field", equalTo("url"));
        as(token).body(helpdesk().toString()).post("/api/v1/flows/validate").then()
                .statusCode(200).body("valid", equalTo(true)).body("errors", empty());

        int id = create(helpdesk());
        as(token).post("/api/v1/flows/{id}/validate", id).then().statusCode(200).body("valid", equalTo(true));
        as(token).body(broken.toString()).post("/api/v1/flows/{id}/validate", id).then()
                .statusCode(200).body("valid", equalTo(false));
    }

    @Test
    void putReplacesTheDraftAndLeavesPublishedVersionsAlone() {
        ObjectNode original = helpdesk();
        int id = create(original);
        as(token).post("/api/v1/flows/{id}/publish", id).then().statusCode(200).body("version", equalTo(1));

        ObjectNode edited = original.deepCopy();
        edited.put("description", "edited");
        as(token).body(edited.toString()).put("/api/v1/flows/{id}", id).then()
                .statusCode(200)
                .body("description", equalTo("edited"))
                .body("draft.description", equalTo("edited"))
                .body("published_version", equalTo(1));

        String published = as(token).get("/api/v1/flows/{id}/export?version=1", id).then().statusCode(200)
                .extract().asString();
        assertThat(Json.tree(published)).isEqualTo(original);
    }

    @Test
    void publishingNumbersVersionsAndRollbackRepublishesAnOldDocument() {
        ObjectNode first = helpdesk();
        int id = create(first);
        as(token).post("/api/v1/flows/{id}/publish", id).then().statusCode(200)
                .body("id", equalTo(id)).body("version", equalTo(1));

        ObjectNode second = first.deepCopy();
        second.put("description", "second");
        as(token).body(second.toString()).put("/api/v1/flows/{id}", id).then().statusCode(200);
        as(token).body("{}").post("/api/v1/flows/{id}/publish", id).then().statusCode(200)
                .body("version", equalTo(2));

        as(token).body(Map.of("version", 1)).post("/api/v1/flows/{id}/publish", id).then().statusCode(200)
                .body("version", equalTo(3))
                .body("republished_from", equalTo(1));

        as(token).get("/api/v1/flows/{id}/versions", id).then().statusCode(200)
                .body("items.version", contains(1, 2, 3))
                .body("items.current", contains(false, false, true));
        as(token).get("/api/v1/flows/{id}", id).then()
                .body("published_version", equalTo(3))
                .body("draft.description", equalTo("second"));
        assertThat(Json.tree(as(token).get("/api/v1/flows/{id}/export?version=3", id).asString())).isEqualTo(first);
        as(token).body(Map.of("version", 9)).post("/api/v1/flows/{id}/publish", id).then()
                .statusCode(404).body("field", equalTo("version"));
    }

    @Test
    void anExportedFlowImportsAsAnEqualNewFlow() {
        int id = create(helpdesk());
        String exported = as(token).get("/api/v1/flows/{id}/export", id).then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString(".json"))
                .extract().asString();

        int imported = as(token).body(exported).post("/api/v1/flows/import").then().statusCode(201)
                .extract().path("id");

        assertThat(imported).isNotEqualTo(id);
        String copy = as(token).get("/api/v1/flows/{id}/export", imported).then().statusCode(200).extract().asString();
        assertThat(Json.tree(copy)).isEqualTo(Json.tree(exported));
    }

    @Test
    void aDeletedFlowIsGoneFromTheApi() {
        int id = create(helpdesk());
        as(token).delete("/api/v1/flows/{id}", id).then().statusCode(204);

        as(token).get("/api/v1/flows/{id}", id).then().statusCode(404);
        as(token).delete("/api/v1/flows/{id}", id).then().statusCode(404);
        as(token).get("/api/v1/flows?size=200").then().body("items.id", not(hasItem(id)));
    }

    @Test
    void listsArePaged() {
        create(SampleFlows.minimal("page-a"));
        create(SampleFlows.minimal("page-b"));

        as(token).get("/api/v1/flows?page=0&size=1").then().statusCode(200)
                .body("items", hasSize(1))
                .body("size", equalTo(1))
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
        as(token).get("/api/v1/flows?size=0").then().statusCode(400).body("field", equalTo("size"));
    }

    @Test
    void anotherOutletsFlowIsNotFound() {
        database.ensureOutlet(TestDatabase.SECOND_OUTLET, "Second outlet");
        String other = tokens.mint(TestDatabase.SECOND_OUTLET, null);
        int id = create(helpdesk());

        as(other).get("/api/v1/flows/{id}", id).then().statusCode(404);
        as(other).body(helpdesk().toString()).put("/api/v1/flows/{id}", id).then().statusCode(404);
        as(other).post("/api/v1/flows/{id}/publish", id).then().statusCode(404);
        as(other).get("/api/v1/flows/{id}/export", id).then().statusCode(404);
        as(other).get("/api/v1/flows/{id}/versions", id).then().statusCode(404);
        as(other).post("/api/v1/flows/{id}/validate", id).then().statusCode(404);
        as(other).body(Map.of("call", Map.of("call_id", "x"))).post("/api/v1/flows/{id}/test-run", id).then()
                .statusCode(404);
        as(other).delete("/api/v1/flows/{id}", id).then().statusCode(404);
        as(other).get("/api/v1/flows?size=200").then().body("items.id", not(hasItem(id)));
        as(token).get("/api/v1/flows/{id}", id).then().statusCode(200);
    }
}
