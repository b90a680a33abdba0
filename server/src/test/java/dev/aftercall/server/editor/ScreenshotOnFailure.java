package dev.aftercall.server.editor;

import com.microsoft.playwright.Page;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Saves what the browser showed when a test failed, as target/screenshots/FAILED-<test>.png. */
final class ScreenshotOnFailure implements AfterTestExecutionCallback {
    private final Supplier<Page> page;

    ScreenshotOnFailure(Supplier<Page> page) {
        this.page = page;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Page current = page.get();
        if (context.getExecutionException().isPresent() && current != null && !current.isClosed()) {
            Browser.screenshot(current, "FAILED-" + context.getRequiredTestMethod().getName());
        }
    }
}
