package dev.aftercall.server.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.aftercall.server.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.aftercall.server.auth.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import dev.aftercall.server.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agent page's extraction fields and the variables page, against the real seed 003/004 APIs. */
@QuarkusTest
class EditorSetupTest {
    /** Its own outlet: functions and variables are outlet-wide, so other tests' calls must not meet them. */
    static final long OUTLET = 61;

    @Inject
    TestDatabase database;

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
        database.ensureOutlet(OUTLET, "EditorSetupTest");
        token = tokens.mint(OUTLET, null);
        page = browser.newPage();
    }

    @AfterEach
    void tearDown() {
        page.context().close();
    }

    @Test
    void extractionFieldsAreEditedAsAFormAndSaved() {
        String agent = "setup-" + UUID.randomUUID();
        page.navigate(base + "editor/agents/" + agent + "?token=" + token);
        var fields = page.getByTestId("extraction-fields");
        fields.getByText("Add field").click();
        page.getByLabel("Field 1 name").fill("customer_name");
        page.getByLabel("Field 1 description").fill("Customer full name");
        fields.getByText("Add field").click();
        page.getByLabel("Field 2 name").fill("interest_level");
        page.getByLabel("Field 2 type").selectOption("enum");
        page.getByLabel("Field 2 description").fill("how interested the customer is");
        page.getByLabel("Field 2 values").fill("high, medium, low");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save fields")).click();
        assertThat(page.locator(".toast")).containsText("Extraction fields saved");
        Browser.screenshot(page, "15-agent-extraction-fields");

        as(token).get("/api/v1/agents/{agent}/extraction-fields", agent).then().statusCode(200)
                .body("[1].name", equalTo("interest_level"))
                .body("[1].type", equalTo("enum"))
                .body("[1].values", hasItem("medium"));

        page.reload();
        assertThat(page.getByLabel("Field 2 name")).hasValue("interest_level");
    }

    @Test
    void aVariableIsAddedOnTheVariablesPage() {
        String name = "var_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        page.navigate(base + "editor/variables?token=" + token);
        page.getByLabel("New variable name").fill(name);
        page.getByLabel("New variable description").fill("a variable made in the browser");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add variable")).click();
        assertThat(page.getByTestId("variables")).containsText(name);
        as(token).get("/v2/post_call/data/variables").then().statusCode(200).body("payload.var_name", hasItem(name));
    }
}
