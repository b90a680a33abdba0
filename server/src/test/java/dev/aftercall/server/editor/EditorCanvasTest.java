package dev.aftercall.server.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.http.StubTarget;
import dev.aftercall.server.json.Json;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Editing on the canvas: keyboard delete, the undeletable start node, undo and redo, branches, versions. */
@QuarkusTest
class EditorCanvasTest {
    static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Tokens tokens;

    Page page;

    @RegisterExtension
    final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> page);

    String token;
    String flowId;

    @BeforeAll
    static void launch() {
        browser = Browser.launch();
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        token = tokens.mint(1, null);
        ObjectNode flow = (ObjectNode) Json.tree(Files.readString(
                Path.of("../flows-examples/helpdesk-ticket-on-escalation/flow.json")));
        flow.put("name", "canvas-" + UUID.randomUUID());
        // Never runs for other tests' calls, even once published.
        flow.set("agents", Json.tree("[\"nobody-" + UUID.randomUUID() + "\"]"));
        flowId = String.valueOf(as(token).body(flow.toString()).post("/api/v1/flows").then().statusCode(201)
                .extract().<Integer>path("id"));
        page = browser.newPage();
        page.navigate(base + "editor/flows/" + flowId + "?token=" + token);
        assertThat(page.locator(".react-flow__node")).hasCount(4);
        Browser.awaitFittedCanvas(page);
    }

    @AfterEach
    void tearDown() {
        page.context().close();
    }

    @Test
    void aTestRunOverlaysThePathTakenAndEachNodesStep() {
        try (StubTarget helpdesk = StubTarget.start().answer(StubTarget.Answer.json(201, "{\"ticket\": {\"id\": 48213}}"))) {
            page.getByTestId("node-ticket").click();
            page.locator("#field-url").click();
            page.keyboard().press("Control+A");
            page.keyboard().type(helpdesk.url("/api/tickets"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Test run")).click();
            page.getByTestId("run-test").click();
            assertThat(page.getByTestId("run-bar")).containsText("completed");
            assertThat(page.locator(".flow-node.ran-ok")).hasCount(4);
            assertThat(page.locator(".react-flow__edge.edge-followed")).hasCount(3);
            page.getByTestId("node-ticket").click();
            page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Last run")).click();
            assertThat(page.getByTestId("step-ticket")).containsText("48213");
            page.getByTestId("node-keep").click();
            page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Last run")).click();
            assertThat(page.getByTestId("step-keep")).containsText("external_ticket_id");
            page.getByTestId("node-ticket").click();
            page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Parameters")).click();
            assertThat(page.locator(".toast")).hasCount(0);
            // Wider for the README picture, so the example flow fits at a readable zoom.
            page.setViewportSize(1600, 900);
            page.locator(".react-flow__controls-fitview").click();
            Browser.screenshot(page, "00-editor");
        }
    }

    @Test
    void deleteRemovesANodeButNeverTheStartAndUndoBringsItBack() {
        page.getByTestId("node-start").click();
        page.keyboard().press("Delete");
        assertThat(page.getByTestId("node-start")).isVisible();

        page.getByTestId("node-keep").click();
        page.keyboard().press("Delete");
        assertThat(page.locator(".react-flow__node")).hasCount(3);
        assertThat(page.locator(".react-flow__edge")).hasCount(2);

        page.keyboard().press("Control+Z");
        assertThat(page.locator(".react-flow__node")).hasCount(4);
        assertThat(page.locator(".react-flow__edge")).hasCount(3);
        page.keyboard().press("Control+Shift+Z");
        assertThat(page.locator(".react-flow__node")).hasCount(3);
        page.getByLabel("Undo").click();
        assertThat(page.getByTestId("node-keep")).isVisible();
    }

    @Test
    void aDecisionShowsOneOutputPerBranchPlusTheDefault() {
        page.getByTestId("node-escalated").click();
        assertThat(page.locator("[data-testid=node-escalated] .react-flow__handle.source")).hasCount(2);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add branch")).click();
        assertThat(page.locator("[data-testid=node-escalated] .react-flow__handle.source")).hasCount(3);
        assertThat(page.locator("[data-testid=node-escalated] .react-flow__handle[data-handleid=branch_2]")).isVisible();

        page.getByLabel("Branch 1 output").click();
        page.keyboard().press("End");
        page.keyboard().type("_escalated");
        assertThat(page.locator("[data-testid=node-escalated] .react-flow__handle[data-handleid=yes_escalated]")).isVisible();
        // The edge that left from "yes" follows the renamed branch.
        assertThat(page.locator(".react-flow__edge")).hasCount(3);
    }

    @Test
    void publishingTwiceAndRollingBackMakesAThirdVersion() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish")).click();
        assertThat(page.getByTestId("save-state")).containsText("v1 live");

        page.getByTestId("node-ticket").click();
        page.locator("#field-url").click();
        page.keyboard().press("End");
        page.keyboard().type("/v2");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish")).click();
        assertThat(page.getByTestId("save-state")).containsText("v2 live");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Versions")).click();
        assertThat(page.getByTestId("versions")).containsText("v2");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Roll back to v1")).click();
        assertThat(page.getByTestId("versions")).containsText("v3");
        Browser.screenshot(page, "07-versions");

        String live = as(token).get("/api/v1/flows/{id}/export?version=3", flowId).then().statusCode(200)
                .extract().path("nodes.find { it.id == 'ticket' }.url");
        assertThat(live).isEqualTo("https://helpdesk.example.com/api/tickets");
        Integer published = as(token).get("/api/v1/flows/{id}", flowId).then().extract().path("published_version");
        assertThat(published).isEqualTo(3);
    }
}
