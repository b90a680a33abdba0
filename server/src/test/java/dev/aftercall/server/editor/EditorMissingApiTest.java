package dev.aftercall.server.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import dev.aftercall.server.auth.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Functions, agents and variables are separate server modules; a server without one must leave its screen
 * saying so instead of breaking. The browser is made to see such a server by answering those endpoints the way
 * Quarkus answers a path it has no route for ({@code 404 {"error": "not found: /api/..."}}); everything else is
 * the real test server.
 */
@QuarkusTest
class EditorMissingApiTest {
    static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Tokens tokens;

    Page page;
    String token;

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
        token = tokens.mint(1, null);
        page = browser.newPage();
        for (String path : new String[] {"**/api/v1/functions**", "**/api/v1/agents/**", "**/v2/post_call/data/**"}) {
            page.route(path, EditorMissingApiTest::noRoute);
        }
    }

    @AfterEach
    void tearDown() {
        page.context().close();
    }

    private static void noRoute(Route route) {
        String path = java.net.URI.create(route.request().url()).getPath();
        route.fulfill(new Route.FulfillOptions().setStatus(404).setContentType("application/json")
                .setBody("{\"error\": \"not found: " + path + "\"}"));
    }

    @Test
    void theFunctionsScreensSayTheApiIsMissing() {
        page.navigate(base + "editor/functions?token=" + token);
        assertThat(page.getByTestId("api-missing")).containsText("Post-call functions are not available on this server");
        assertThat(page.getByTestId("api-missing")).containsText("/api/v1/functions");

        page.navigate(base + "editor/functions/new");
        assertThat(page.getByTestId("api-missing")).isVisible();
        page.navigate(base + "editor/functions/5");
        assertThat(page.getByTestId("api-missing")).isVisible();
    }

    @Test
    void theAgentPageSaysWhichApisAreMissing() {
        page.navigate(base + "editor/agents/agent-x?token=" + token);
        assertThat(page.getByTestId("api-missing")).hasCount(2);
        assertThat(page.getByTestId("api-missing").first()).containsText("/api/v1/agents/agent-x/extraction-fields");
        assertThat(page.getByTestId("api-missing").last()).containsText("/api/v1/agents/agent-x/actions");
    }

    @Test
    void theVariablesPageSaysWhichApisAreMissingAndTheRestOfTheEditorWorks() {
        page.navigate(base + "editor/variables?token=" + token);
        assertThat(page.getByTestId("api-missing")).hasCount(2);
        assertThat(page.getByTestId("api-missing").first()).containsText("/v2/post_call/data/variables");
        Browser.screenshot(page, "14-variables-api-missing");

        page.navigate(base + "editor/calls");
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING,
                new Page.GetByRoleOptions().setName("Calls"))).isVisible();
    }
}
