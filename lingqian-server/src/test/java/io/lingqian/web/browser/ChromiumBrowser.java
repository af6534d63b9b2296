package io.lingqian.web.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Selenium: one browser per test class, cookies cleared before
 * each test, a screenshot in {@code target/browser-screenshots/} when a test fails.
 *
 * <p>The driver and browser are named explicitly, so Selenium Manager never goes to the network.
 * Without Chromium the tests are skipped on a developer machine but fail on CI ({@code CI=true}),
 * where a silently skipped browser suite would hide broken pages.
 *
 * <pre>{@code @RegisterExtension static ChromiumBrowser browser = new ChromiumBrowser();}</pre>
 */
public final class ChromiumBrowser implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, TestWatcher {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String NOT_INSTALLED = "Chromium not installed: apt-get install chromium chromium-driver";

    private WebDriver driver;
    private Path profile;

    /** The browser of the running test class. */
    public WebDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("the browser starts before the first test of the class");
        }
        return driver;
    }

    /**
     * Waits for a page condition (never a fixed sleep). An element that htmx or a page load replaces
     * while the condition looks at it only means "not yet": the condition is asked again.
     */
    public WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver(), WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!installed()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(NOT_INSTALLED + " (CI=true: browser tests must run)");
            }
            // Skipped test by test (in beforeEach), so the report counts and names each one.
            return;
        }
        profile = Files.createTempDirectory("chrome-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(driver != null, NOT_INSTALLED);
        driver.manage().deleteAllCookies();
    }

    private static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (!(driver instanceof TakesScreenshot camera)) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName() + ".png");
            Files.copy(camera.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            if (profile != null) {
                deleteRecursively(profile);
                profile = null;
            }
        }
    }

    /** Chromium leaves its profile directory behind after quitting. */
    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
