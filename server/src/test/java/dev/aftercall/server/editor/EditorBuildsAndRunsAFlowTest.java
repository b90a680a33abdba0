package dev.aftercall.server.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Position;
import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.http.StubTarget;
import dev.aftercall.server.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seed 002's flow built in the browser with the mouse and the keyboard only: Start → Decision on
 * {@code {{interaction.DISPOSITION}} == "escalated"} → API Request to a stub with {@code {{interaction.SUMMARY}}} in
 * the body and {@code $.ticket.id} mapped; Send, save, publish, then a real call runs it and the call page shows the
 * trace with the request the stub received.
 */
@QuarkusTest
class EditorBuildsAndRunsAFlowTest {
    static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Tokens tokens;

    StubTarget helpdesk;
    Page page;

    @RegisterExtension
    final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> page);

    @BeforeAll
    static void launch() {
        browser = Browser.launch();
    }

    @AfterAll
    static void quit() {
        browser.close();
    }

    @BeforeEach
    void setUp() {
        helpdesk = StubTarget.start().answer(StubTarget.Answer.json(201,
                "{\"ticket\": {\"id\": \"T-1001\", \"status\": \"open\", \"queue\": \"field-technicians\"}}"));
        page = browser.newPage();
    }

    @AfterEach
    void tearDown() {
        page.context().close();
        helpdesk.close();
    }

    @Test
    void anOperatorBuildsTheHelpdeskFlowByHandAndACallRunsIt() {
        String token = tokens.mint(1, null);
        String agent = "editor-" + UUID.randomUUID();
        String name = "escalate-to-helpdesk-" + agent.substring(7, 15);

        page.navigate(base + "editor?token=" + token);
        assertThat(page.getByTestId("session")).containsText("#1");
        assertThat(page).not().hasURL(java.util.regex.Pattern.compile(".*token=.*"));
        page.getByTestId("new-flow").click();
        page.waitForURL("**/editor/flows/*");
        assertThat(page.getByTestId("node-start")).isVisible();
        Browser.awaitFittedCanvas(page);

        retype(page.getByLabel("Flow name"), name);
        page.locator("#flow-agents").click();
        page.keyboard().type(agent);

        dropBeside("decision", "start", 190, 0);
        dropBeside("api_request", "decision", 230, -90);
        assertThat(page.getByTestId("node-decision")).isVisible();
        assertThat(page.getByTestId("node-api_request")).isVisible();

        Browser.drag(page, handle("start", "next"), input("decision"));
        Browser.drag(page, handle("decision", "yes"), input("api_request"));
        assertThat(page.locator(".react-flow__edge")).hasCount(2);

        page.getByTestId("node-decision").click();
        page.getByLabel("Condition 1 left").click();
        page.keyboard().type("{{interaction.DISP");
        page.locator(".completions li", new Page.LocatorOptions().setHasText("interaction.DISPOSITION")).click();
        assertThat(page.getByLabel("Condition 1 left")).hasValue("{{interaction.DISPOSITION}}");
        page.getByLabel("Condition 1 right").click();
        page.keyboard().type("escalated");

        page.getByTestId("node-api_request").click();
        page.locator("#field-url").click();
        page.keyboard().type(helpdesk.url("/api/tickets"));
        page.locator("[data-field=body] .cm-content").click();
        page.keyboard().press("Control+A");
        page.keyboard().type("{\"subject\": \"Call {{interaction.CALL_ID}}\", \"summary\": \"{{interaction.SUMMARY}}\"}");
        Browser.screenshot(page, "01-editor-api-request");

        page.getByTestId("send").click();
        assertThat(page.getByTestId("send-data")).containsText("T-1001");
        page.locator("[data-path='$.ticket.id']").click();
        assertThat(page.getByTestId("send-data")).containsText("→ ticket_id");
        Browser.screenshot(page, "02-send-data");
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Parameters")).click();
        Locator mapping = page.locator("[data-testid=field-response_mapping] input");
        assertThat(mapping.nth(0)).hasValue("ticket_id");
        assertThat(mapping.nth(1)).hasValue("$.ticket.id");

        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Meta")).click();
        assertThat(page.getByTestId("send-meta")).containsText("201");
        assertThat(page.getByTestId("send-meta")).containsText("content-type");
        Browser.screenshot(page, "03-send-meta");

        // Keep the ticket id: the mapped variable is offered by {{ downstream of the API Request.
        dropBeside("set_variable", "api_request", 0, 140);
        Browser.drag(page, handle("api_request", "ok"), input("set_variable"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add assignment")).click();
        page.getByLabel("Variable 1").click();
        page.keyboard().type("external_ticket_id");
        page.getByLabel("Value 1").click();
        page.keyboard().type("{{tick");
        page.locator(".completions li", new Page.LocatorOptions().setHasText("ticket_id")).first().click();
        assertThat(page.getByLabel("Value 1")).hasValue("{{ticket_id}}");
        assertThat(page.locator(".react-flow__edge")).hasCount(3);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
        assertThat(page.getByTestId("save-state")).hasText("Saved draft");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish")).click();
        assertThat(page.getByTestId("save-state")).containsText("v1 live");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Test run")).click();
        page.getByTestId("run-test").click();
        assertThat(page.getByTestId("run-bar")).containsText("completed");
        page.getByTestId("node-api_request").click();
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Last run")).click();
        assertThat(page.getByTestId("step-api_request")).containsText("sample-call-1");
        assertThat(page.getByTestId("step-api_request")).containsText("T-1001");
        assertThat(page.locator(".flow-node.ran-ok")).hasCount(4);
        page.locator(".react-flow__controls-fitview").click();
        Browser.screenshot(page, "04-editor-test-run");

        String flowId = page.url().replaceAll(".*/flows/", "");
        JsonPath draft = as(token).get("/api/v1/flows/{id}", flowId).then().statusCode(200).extract().jsonPath();
        assertThat(draft.getString("draft.nodes.find { it.id == 'decision' }.branches[0].conditions[0].left"))
                .isEqualTo("{{interaction.DISPOSITION}}");
        assertThat(draft.getString("draft.nodes.find { it.id == 'decision' }.branches[0].conditions[0].right")).isEqualTo("escalated");
        assertThat(draft.getString("draft.nodes.find { it.id == 'api_request' }.body.summary")).isEqualTo("{{interaction.SUMMARY}}");
        assertThat(draft.getMap("draft.nodes.find { it.id == 'api_request' }.response_mapping"))
                .isEqualTo(Map.of("ticket_id", "$.ticket.id"));
        assertThat(draft.getList("draft.edges.to")).containsExactlyInAnyOrder("decision", "api_request", "set_variable");
        assertThat(draft.getString("draft.nodes.find { it.id == 'set_variable' }.assignments.external_ticket_id"))
                .isEqualTo("{{ticket_id}}");

        String callId = Api.newCallId();
        String summary = "Router light red since yesterday; escalated " + callId;
        as(token).body(Map.of("call_id", callId, "agent", agent, "call_duration", 214, "disposition", "escalated",
                        "summary", summary, "transcript", List.of(Map.of("role", "user", "content", "My internet is down"))))
                .post("/api/v1/calls").then().statusCode(202);
        Api.awaitFinished(token, callId);
        List<StubTarget.Received> received = helpdesk.requests("/api/tickets").stream()
                .filter(r -> r.body().contains(callId)).toList();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).body()).contains(summary);

        page.navigate(base + "editor/calls/" + callId + "?tab=flows");
        assertThat(page.getByTestId("call-page")).containsText("completed");
        Locator run = page.locator("[data-testid=run-" + flowId + "]");
        assertThat(run).containsText(name);
        run.locator(".run-step", new Locator.LocatorOptions().setHasText("api_request")).click();
        Locator step = page.getByTestId("step-api_request");
        assertThat(step).containsText(helpdesk.url("/api/tickets"));
        assertThat(step).containsText(summary);
        assertThat(step).containsText("T-1001");
        assertThat(run.locator(".run-step")).hasCount(4);
        Browser.screenshot(page, "05-call-page-trace");
    }

    /** Drags a node type from the palette to the canvas, dx/dy from an existing node's top-left corner. */
    private void dropBeside(String type, String node, double dx, double dy) {
        Locator canvas = page.getByTestId("canvas");
        var anchor = page.getByTestId("node-" + node).boundingBox();
        var area = canvas.boundingBox();
        // The editor places a dropped node's top-left corner 20 px left of and 30 px above the pointer.
        Position at = new Position(anchor.x - area.x + dx + 20, anchor.y - area.y + dy + 30);
        page.getByTestId("palette-" + type).dragTo(canvas, new Locator.DragToOptions().setTargetPosition(at));
        assertThat(page.getByTestId("node-" + type)).isVisible();
        // Zoom to fit, so every port is on screen for the next drag.
        page.locator(".react-flow__controls-fitview").click();
    }

    private Locator handle(String node, String port) {
        return page.locator("[data-testid=node-" + node + "] .react-flow__handle.source[data-handleid=" + port + "]");
    }

    private Locator input(String node) {
        return page.locator("[data-testid=node-" + node + "] .react-flow__handle.target");
    }

    private void retype(Locator field, String text) {
        field.click();
        page.keyboard().press("Control+A");
        page.keyboard().type(text);
    }
}
