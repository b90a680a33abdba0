package dev.aftercall.server.editor;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Headless Debian Chromium driven by Playwright for the editor's browser tests. Playwright's own browser builds are
 * never downloaded (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD, set by Surefire); the system Chromium is launched instead.
 * One browser per test class, a fresh context (cookies, localStorage) per test.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Paths.get(System.getenv().getOrDefault("AFTERCALL_CHROMIUM", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    private Browser() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(ARGS));
    }

    static Browser launch() {
        return new Browser();
    }

    /** A new page in a new context, 1440×900 like a laptop screen. */
    Page newPage() {
        BrowserContext context = browser.newContext(new NewContextOptions().setViewportSize(1440, 900));
        context.setDefaultTimeout(15_000);
        Page page = context.newPage();
        // The editor warns before leaving unsaved changes; tests reload on purpose.
        page.onDialog(dialog -> dialog.accept());
        page.onPageError(error -> System.err.println("[browser] page error: " + error));
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                System.err.println("[browser] console error: " + message.text());
            }
        });
        return page;
    }

    static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }

    /**
     * Waits until the canvas has fitted the flow into view: until then nodes can still move, and a click aimed at one
     * lands on the empty pane (seen as a node click that never opened its panel).
     */
    static void awaitFittedCanvas(Page page) {
        PlaywrightAssertions.assertThat(page.locator(".react-flow[data-fitted]")).hasCount(1);
    }

    /** Drags with the mouse from the centre of one element to the centre of another, in small steps as a hand would. */
    static void drag(Page page, Locator from, Locator to) {
        // Fit-view animates the canvas: read positions only once they stop moving, or the press lands on a
        // neighbouring port (seen as an edge from "error" instead of "ok").
        BoundingBox a = settled(page, from);
        BoundingBox b = settled(page, to);
        page.mouse().move(a.x + a.width / 2, a.y + a.height / 2);
        page.mouse().down();
        page.mouse().move(b.x + b.width / 2, b.y + b.height / 2, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(12));
        page.mouse().up();
    }

    private static BoundingBox settled(Page page, Locator locator) {
        BoundingBox last = locator.boundingBox();
        for (int i = 0; i < 40; i++) {
            page.waitForTimeout(50);
            BoundingBox now = locator.boundingBox();
            if (now.x == last.x && now.y == last.y && now.width == last.width && now.height == last.height) {
                return now;
            }
            last = now;
        }
        return last;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
