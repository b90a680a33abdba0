package dev.aftercall.server.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.aftercall.server.support.Api.as;
import static dev.aftercall.server.support.Api.call;
import static dev.aftercall.server.support.Api.newCallId;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.aftercall.server.auth.Tokens;
import dev.aftercall.server.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
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

/** The calls list shows duration and outcome and filters by age; the call page reads each section into a tab. */
@QuarkusTest
class EditorCallsTest {
    static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Tokens tokens;

    Page page;
    String token;
    String agent;
    String callId;

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
        agent = "calls-ui-" + UUID.randomUUID();
        callId = newCallId();
        as(token).body(call(callId, agent)).post("/api/v1/calls").then().statusCode(202);
        Api.awaitFinished(token, callId);
        page = browser.newPage();
    }

    @AfterEach
    void tearDown() {
        page.context().close();
    }

    private void tab(String name) {
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(Pattern.compile("^" + name)))
                .click();
    }

    @Test
    void theListShowsDurationAndOutcomeAndFiltersByAgentAndAge() {
        page.navigate(base + "editor/calls?token=" + token);
        page.getByPlaceholder("agent id").fill(agent);
        var row = page.getByTestId("calls").locator("tbody tr");
        assertThat(row).hasCount(1);
        assertThat(row).containsText(callId);
        // 42.5 s posted, shown rounded; the disposition stands for the outcome while no function set one.
        assertThat(row.locator("td").nth(3)).hasText("43 s");
        assertThat(row.locator("td").nth(4)).containsText("interested");
        assertThat(page.locator("thead")).containsText("Outcome");

        page.getByLabel("Received since").selectOption("1h");
        assertThat(page.getByTestId("calls-total")).hasText("1 calls");
        Browser.screenshot(page, "10-calls-list");

        row.click();
        page.waitForURL("**/editor/calls/" + callId);
        assertThat(page.getByTestId("call-page")).isVisible();
    }

    @Test
    void theCallPageHasATabPerSectionAndSaysWhenOneIsEmpty() {
        page.navigate(base + "editor/calls/" + callId + "?token=" + token);
        assertThat(page.getByTestId("overview-facts")).containsText("user_hangup");
        assertThat(page.getByTestId("overview-facts")).containsText("43 s");
        assertThat(page.getByTestId("tab-overview")).containsText("Guest booked a table for two.");

        tab("Transcript");
        assertThat(page.getByTestId("transcript").locator("li")).hasCount(2);
        assertThat(page.getByTestId("transcript")).containsText("I want to book a table for two.");

        tab("Flow runs");
        assertThat(page.getByTestId("tab-flows").getByTestId("none")).containsText("No flow ran");

        tab("Deliveries & actions");
        assertThat(page.getByTestId("tab-deliveries").getByTestId("none").first()).isVisible();

        tab("Functions");
        assertThat(page.getByTestId("tab-functions").getByTestId("none").first()).isVisible();
        Browser.screenshot(page, "11-call-page-tabs");

        // The chosen tab is kept in the address, so a reload (or a shared link) opens it again.
        page.reload();
        assertThat(page.getByTestId("tab-functions")).isVisible();

        tab("Call data");
        assertThat(page.getByTestId("tab-call")).containsText("call_metadata");
    }
}
