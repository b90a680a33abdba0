package dev.aftercall.server.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.aftercall.server.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.http.StubTarget;
import io.quarkus.test.common.http.TestHTTPResource;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The functions screens against the real functions API: an advanced function written in CodeMirror, validated
 * (a forbidden call reported at its line and column), tested on a sample context (changes and console shown),
 * saved and listed; a basic function filled in as a form and tested against a stub that receives its request.
 */
@QuarkusTest
class EditorFunctionsTest {
    /** Its own outlet: functions and variables are outlet-wide, so other tests' calls must not meet them. */
    static final long OUTLET = 62;

    @Inject
    TestDatabase database;

    static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Tokens tokens;

    Page page;
    String token;
    StubTarget crm;

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
        database.ensureOutlet(OUTLET, "EditorFunctionsTest");
        token = tokens.mint(OUTLET, null);
        crm = StubTarget.start().answer(StubTarget.Answer.json(200, "{\"lead\": {\"id\": \"crm-77\"}}"));
        page = browser.newPage();
    }

    @AfterEach
    void tearDown() {
        page.context().close();
        crm.close();
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** Replaces a CodeMirror editor's text as typing would (insertText: no auto-indent doubling the indentation). */
    private void replaceCode(String label, String code) {
        page.locator(".cm-content[aria-label='" + label + "']").click();
        page.keyboard().press("Control+A");
        page.keyboard().press("Backspace");
        page.keyboard().insertText(code);
    }

    @Test
    void anAdvancedFunctionIsWrittenValidatedTestedAndSaved() {
        String name = "markConnected" + UUID.randomUUID().toString().substring(0, 8);
        page.navigate(base + "editor/functions?token=" + token);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New function")).first().click();
        page.waitForURL("**/editor/functions/new");

        page.locator("#function-name").fill(name);
        // The template follows the name until the code is edited.
        assertThat(page.locator(".cm-content[aria-label='Function code']")).containsText("async function " + name + "(context)");

        replaceCode("Function code", "async function " + name + "(context) {\n"
                + "  const fs = require('fs');\n"
                + "}\n");
        button("Validate").click();
        assertThat(page.getByTestId("problems")).containsText("line 2, column");
        assertThat(page.getByTestId("problems")).containsText("require");

        replaceCode("Function code", "async function " + name + "(context) {\n"
                + "  const connected = context.call_duration > 0;\n"
                + "  context.post_call.connected = connected;\n"
                + "  context.conversion_status = connected;\n"
                + "  console.log('connected: ' + connected);\n"
                + "}\n");
        button("Validate").click();
        assertThat(page.getByTestId("problems")).hasText("No problems.");

        button("Run test").click();
        Locator result = page.getByTestId("test-result");
        assertThat(result).containsText("succeeded");
        assertThat(result.getByTestId("changes")).containsText("post_call");
        assertThat(result.getByTestId("changes")).containsText("conversion_status");
        assertThat(result.getByTestId("console")).containsText("connected: true");
        // docs/functions.png in the README is this screenshot.
        Browser.screenshot(page, "12-function-advanced");

        button("Save").click();
        page.waitForURL(Pattern.compile(".*/editor/functions/\\d+$"));
        assertThat(page.locator("h1")).hasText(name);
        String id = page.url().replaceAll(".*/", "");
        as(token).get("/api/v1/functions/{id}", id).then().statusCode(200);

        page.navigate(base + "editor/functions");
        assertThat(page.getByTestId("functions")).containsText(name);
    }

    @Test
    void aBasicFunctionIsAFormAndItsTestSendsTheRequest() {
        String name = "pushLead" + UUID.randomUUID().toString().substring(0, 8);
        page.navigate(base + "editor/functions/new?token=" + token);
        page.locator("#function-name").fill(name);
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Basic")).click();
        assertThat(page.getByTestId("basic-form")).isVisible();

        page.locator("#function-url").fill(crm.url("/leads/{lead_id}/update"));
        page.getByTestId("function-variables").getByText("Add variable").click();
        page.getByLabel("Variable 1").fill("lead_id");
        page.getByLabel("Source 1").fill("call_metadata.lead_id");
        replaceCode("Parameters", "{\"interested\": \"{{post_call.interested}}\"}");
        page.getByTestId("function-mapping").getByText("Add mapping").click();
        page.getByLabel("post_call field 1").fill("crm_id");
        page.getByLabel("JSONPath 1").fill("$.lead.id");

        button("Run test").click();
        Locator result = page.getByTestId("test-result");
        assertThat(result).containsText("succeeded");
        assertThat(result.getByTestId("requests")).containsText("/leads/L-42/update");
        assertThat(result.getByTestId("changes")).containsText("crm-77");
        Browser.screenshot(page, "13-function-basic");

        assertThat(crm.requests("/leads/L-42/update")).hasSize(1);
        assertThat(crm.requests("/leads/L-42/update").get(0).body()).contains("\"interested\"");
    }

    @Test
    void anUnknownFunctionIsNotFound() {
        page.navigate(base + "editor/functions/999999999?token=" + token);
        assertThat(page.getByTestId("function-not-found")).isVisible();
    }
}
