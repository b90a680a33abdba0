package dev.aftercall.server.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.support.TestDatabase;
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

/** Server validation errors land on the node and field they name; saved drafts survive a reload; outlets are apart. */
@QuarkusTest
class EditorValidationAndIsolationTest {
    static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Tokens tokens;

    @Inject
    TestDatabase database;

    Page page;

    @RegisterExtension
    final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> page);
    String token;
    String flowId;
    String name;

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
        name = "helpdesk-" + UUID.randomUUID();
        ObjectNode flow = (ObjectNode) Json.tree(Files.readString(
                Path.of("../flows-examples/helpdesk-ticket-on-escalation/flow.json")));
        flow.put("name", name);
        flowId = String.valueOf(as(token).body(flow.toString()).post("/api/v1/flows").then().statusCode(201)
                .extract().<Integer>path("id"));
        page = browser.newPage();
    }

    @AfterEach
    void tearDown() {
        page.context().close();
    }

    @Test
    void aValidationErrorShowsOnTheNodeAndFieldItNames() {
        page.navigate(base + "editor/flows/" + flowId + "?token=" + token);
        Browser.awaitFittedCanvas(page);
        page.getByTestId("node-ticket").click();
        page.locator("#field-url").click();
        page.keyboard().press("Control+A");
        page.keyboard().press("Backspace");

        assertThat(page.getByTestId("node-error-ticket")).containsText("url is required");
        assertThat(page.locator("[data-testid=node-error-escalated], [data-testid=node-error-keep], [data-testid=node-error-start]"))
                .hasCount(0);
        assertThat(page.getByTestId("error-url")).containsText("url is required");
        Browser.screenshot(page, "06-validation-error");

        // The invalid draft is kept (work is never lost), but it cannot be published.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
        assertThat(page.locator(".toast")).containsText("Draft saved with 1 problem");
        assertThat(page.getByTestId("save-state")).hasText("Saved draft · 1 problem");
        String stored = as(token).get("/api/v1/flows/{id}", flowId).then().extract()
                .path("draft.nodes.find { it.id == 'ticket' }.url");
        assertThat(stored).isNullOrEmpty();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish").setExact(true)).click();
        assertThat(page.locator(".toast").last()).containsText("Not published");
        page.reload();
        assertThat(page.getByTestId("node-error-ticket")).containsText("url is required");
        assertThat(page.getByTestId("save-state")).hasText("Saved draft · 1 problem");
        as(token).get("/api/v1/flows/{id}", flowId).then().body("published_version", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aSavedDraftSurvivesAReload() {
        page.navigate(base + "editor/flows/" + flowId + "?token=" + token);
        Browser.awaitFittedCanvas(page);
        page.getByTestId("node-ticket").click();
        page.locator("#field-url").click();
        page.keyboard().press("End");
        page.keyboard().type("/v2");
        page.keyboard().press("Control+S");
        assertThat(page.getByTestId("save-state")).hasText("Saved draft");

        page.reload();
        assertThat(page.getByTestId("node-ticket")).containsText("https://helpdesk.example.com/api/tickets/v2");
        assertThat(page.locator(".react-flow__node")).hasCount(4);
        assertThat(page.locator(".react-flow__edge")).hasCount(3);
    }

    @Test
    void anotherOutletsTokenDoesNotSeeTheFlow() {
        database.ensureOutlet(TestDatabase.SECOND_OUTLET, "Second outlet");
        String other = tokens.mint(TestDatabase.SECOND_OUTLET, null);

        page.navigate(base + "editor/flows/" + flowId + "?token=" + other);
        assertThat(page.getByTestId("flow-not-found")).isVisible();
        page.navigate(base + "editor/");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Post-call flows"))).isVisible();
        page.waitForLoadState();
        assertThat(page.locator("body")).not().containsText(name);

        page.navigate(base + "editor/?token=" + token);
        assertThat(page.getByText(name)).isVisible();
    }

    @Test
    void withoutATokenTheEditorAsksForOne() {
        page.navigate(base + "editor/flows/" + flowId);
        assertThat(page.getByText("Sign in to the editor")).isVisible();
        page.getByLabel("Token").click();
        page.keyboard().type(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByTestId("node-ticket")).isVisible();
    }
}
