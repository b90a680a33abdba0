package dev.aftercall.server.editor;

import static dev.aftercall.server.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.aftercall.engine.model.Node;
import dev.aftercall.server.auth.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Qute pages, the bundle they include, and the node catalogue the side panel is generated from. */
@QuarkusTest
class EditorPagesTest {
    @Inject
    Tokens tokens;

    @Test
    void everyPageIncludesTheBundleAndTheCatalogue() {
        for (String path : List.of("/editor/", "/editor/flows/7", "/editor/calls", "/editor/calls/c-1", "/editor/auth-profiles",
                "/editor/functions", "/editor/functions/new", "/editor/functions/3", "/editor/agents", "/editor/agents/a-1",
                "/editor/variables")) {
            given().get(path).then()
                    .statusCode(200)
                    .contentType(containsString("text/html"))
                    .body(containsString("/editor/assets/editor.js"))
                    .body(containsString("id=\"node-catalogue\""))
                    .body(containsString("\"type\":\"api_request\""));
        }
        given().get("/editor/flows/42").then().body(containsString("data-view=\"flow\" data-param=\"42\""));
        given().get("/editor/functions/new").then().body(containsString("data-view=\"function\" data-param=\"new\""));
        given().get("/editor/agents/<b>").then().body(containsString("data-param=\"&lt;b&gt;\""));
    }

    @Test
    void theBundleIsServedFromTheEditorJar() {
        given().get("/editor/assets/editor.js").then().statusCode(200).body(containsString("react"));
        given().get("/editor/assets/editor.css").then().statusCode(200).body(containsString(".flow-node"));
        given().get("/editor/assets/templates.json").then().statusCode(200)
                .body(containsString("helpdesk-ticket-on-escalation"));
    }

    @Test
    void theCatalogueDescribesEveryNodeTypeTheEngineKnowsWithItsPorts() {
        List<String> engineTypes = Arrays.stream(Node.class.getPermittedSubclasses()).map(type -> {
            try {
                return (String) type.getField("TYPE").get(null);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(type + " has no TYPE", e);
            }
        }).toList();
        assertThat(NodeCatalogue.nodeTypes()).extracting(NodeType::type).containsExactlyInAnyOrderElementsOf(engineTypes);
        NodeType api = NodeCatalogue.nodeTypes().stream().filter(t -> t.type().equals("api_request")).findFirst().orElseThrow();
        assertThat(api.ports()).containsExactly("ok", "error");
        assertThat(api.properties()).extracting(NodeProperty::name).contains("method", "url", "query", "headers", "body",
                "auth_profile", "timeout_ms", "retry", "response_mapping");
    }

    @Test
    void theSessionNamesTheTokensOutlet() {
        as(tokens.mint(1, null)).get("/api/v1/editor/session").then()
                .statusCode(200)
                .body("outlet_id", equalTo(1))
                .body("outlet_name", equalTo("Demo outlet"));
        given().get("/api/v1/editor/session").then().statusCode(401);
    }
}
