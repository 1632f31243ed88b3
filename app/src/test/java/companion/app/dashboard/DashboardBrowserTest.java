package companion.app.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.app.FakeProvider;
import companion.app.runner.TestRun;
import companion.app.workspace.Workspace;
import companion.course.catalog.Catalog;
import companion.course.catalog.Milestone;
import companion.course.scaffold.ReferenceSources;
import companion.course.scaffold.ScaffoldGenerator;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's, driven by Selenium): the page shows milestone 1 and its
 * criteria, "Run tests" updates them live, saving a file re-runs them by itself (watch mode), and the hint panel
 * climbs its ladder and streams the AI tutor's reply after the consent dialog.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Milestone M1 = Catalog.load().milestone(1);

    @TempDir
    Path dir;
    private Workspace ws;
    private DashboardServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;

    /** Installs Debian's chromium and chromium-driver when missing (scripts/ensure-chromium.sh). */
    @BeforeAll
    static void ensureChromium() throws IOException, InterruptedException {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        Path script = Path.of(System.getProperty("basedir", "."), "..", "scripts", "ensure-chromium.sh");
        Process install = new ProcessBuilder("bash", script.toString()).inheritIO().start();
        assertEquals(0, install.waitFor(), "scripts/ensure-chromium.sh failed: the browser tests need Debian's"
                + " chromium and chromium-driver");
    }

    @BeforeEach
    void open() throws IOException {
        ws = Workspace.create(dir.resolve("ws"), Catalog.load());
        server = DashboardServer.start(ws, "127.0.0.1", 0);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,800", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        // Rows are replaced as results arrive: an element read mid-update is stale, and the wait simply looks again.
        wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(server.url());
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        server.close();
    }

    private String status(String criterion) {
        return browser.findElement(By.cssSelector("#criteria tr[data-criterion='" + criterion + "']"))
                .getAttribute("data-status");
    }

    private void waitForAll(String statusWanted) {
        wait.until(d -> M1.criteria().stream().allMatch(c -> statusWanted.equals(status(c.id()))));
    }

    @Test
    void showsMilestoneOneAndItsCriteria() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#milestone-map li[data-milestone='5']")));
        WebElement first = browser.findElement(By.cssSelector("#milestone-map li[data-milestone='1']"));
        assertEquals("in-progress", first.getAttribute("data-state"));
        wait.until(d -> d.findElements(By.cssSelector("#criteria tr[data-criterion]")).size() == M1.criteria().size());
        assertEquals("not-run", status("put-and-get"));
        wait.until(d -> !d.findElement(By.id("lesson")).getText().isBlank());
    }

    @Test
    void runTestsButtonUpdatesTheCriteriaLive() throws IOException {
        wait.until(d -> d.findElements(By.cssSelector("#criteria tr[data-criterion]")).size() == M1.criteria().size());
        browser.findElement(By.id("run-tests")).click();
        waitForAll("failed");
        wait.until(d -> d.findElement(By.id("run-status")).getText().contains("0 of 11"));
        screenshot("dashboard-failing.png");
    }

    @Test
    void savingAFileRerunsTheCriteriaByItself() throws IOException {
        wait.until(d -> d.findElements(By.cssSelector("#criteria tr[data-criterion]")).size() == M1.criteria().size());
        // The learner fills in every TODO: write the reference solution over the starter, file by file.
        for (String path : M1.sourcePaths()) {
            Files.writeString(ws.sources().resolve(path),
                    ScaffoldGenerator.solution(path, ReferenceSources.read(path)).text());
        }
        waitForAll("passed");
        wait.until(d -> d.findElement(By.id("run-status")).getText().contains("11 of 11"));
        screenshot("dashboard-passing.png");
    }

    @Test
    void theHintPanelClimbsTheLadderAndTheTutorStreamsAfterConsent() throws IOException {
        try (FakeProvider provider = new FakeProvider("What must write do before it returns? ")) {
            provider.configure(ws.root());
            browser.navigate().refresh(); // the page asks whether a tutor is configured when it loads
            wait.until(d -> d.findElements(By.cssSelector("#criteria tr[data-criterion]")).size() == M1.criteria().size());
            browser.findElement(By.id("run-tests")).click();
            waitForAll("failed");

            browser.findElement(By.id("hint-put-and-get")).click();
            wait.until(d -> d.findElement(By.cssSelector("#hint-text-put-and-get li[data-level='1']")).getText()
                    .startsWith("Hint 1 of 4 · concept"));
            browser.findElement(By.id("hint-put-and-get")).click();
            wait.until(d -> d.findElement(By.id("hint-next-put-and-get")).getText().startsWith("Still hint 1."));

            // another failed run of the criterion (as the CLI would record it) unlocks level 2
            TestRun.ofWorkspace(ws, Catalog.load(), 1, List.of("put-and-get"), 7, r -> { });
            browser.findElement(By.id("hint-put-and-get")).click();
            wait.until(d -> d.findElement(By.cssSelector("#hint-text-put-and-get li[data-level='2']")).getText()
                    .contains("LESSON.md"));

            browser.findElement(By.id("tutor-question-put-and-get")).sendKeys("Why does put throw?");
            browser.findElement(By.id("tutor-ask-put-and-get")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tutor-consent")));
            assertTrue(browser.findElement(By.id("tutor-consent-body")).getText().contains("Why does put throw?"));
            assertEquals(0, provider.requests.size(), "nothing is sent before consent");
            browser.findElement(By.id("tutor-consent-send")).click();
            wait.until(d -> d.findElement(By.id("tutor-text-put-and-get")).getText().strip()
                    .equals("What must write do before it returns?"));
            WebElement reply = browser.findElement(By.id("tutor-reply-put-and-get"));
            assertTrue(reply.findElement(By.className("ai-label")).getText().startsWith("AI-generated"));
            screenshot("dashboard-guidance.png");
        }
    }

    /** Keeps a screenshot under target/screenshots for a person to look at. */
    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of(System.getProperty("basedir", "."), "target", "screenshots", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(target) > 0);
    }
}
