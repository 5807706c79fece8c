package io.tcpchat.server.web;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A headless Debian Chromium driven through Debian's chromedriver (both installed by .ci/run).
 * Without them the browser tests are skipped, except under CI=true, where they fail. The flags
 * keep Chromium off the network (this machine has none): no background fetches, no updates.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(20);

    final WebDriver driver;
    final Path downloads;
    private final Path profile;

    private Browser(WebDriver driver, Path downloads, Path profile) {
        this.driver = driver;
        this.downloads = downloads;
        this.profile = profile;
    }

    static void assumeInstalled() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "browser tests need Debian's chromium and chromium-driver: apt-get install chromium chromium-driver");
    }

    static Browser open() throws IOException {
        assumeInstalled();
        Path profile = Files.createTempDirectory("chromium-profile");
        Path downloads = Files.createTempDirectory("chromium-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=1100,720",
                "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), downloads, profile);
    }

    /** Opens the page and logs in as {@code user}; returns once the welcome was shown. */
    Browser login(String baseUrl, String user) {
        driver.get(baseUrl + "/");
        driver.findElement(By.id("user")).sendKeys(user);
        driver.findElement(By.id("login-button")).click();
        await().until(d -> user.equals(d.findElement(By.id("me")).getText()));
        return this;
    }

    WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class); // the page re-renders as events arrive
        return wait;
    }

    void say(String text) {
        WebElement input = driver.findElement(By.id("text"));
        input.sendKeys(text);
        driver.findElement(By.id("send")).click();
    }

    /** The text of every message line (sender and text) of the open conversation, read in one go. */
    @SuppressWarnings("unchecked")
    List<String> lines() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('#messages li')].map(li => "
                        + "[...li.querySelectorAll('.from, .text')].map(e => e.textContent).join(': '))");
    }

    void awaitLine(String line) {
        await().withMessage(() -> "line '" + line + "' in " + lines()).until(d -> lines().contains(line));
    }

    void open(String conversation) {
        driver.findElement(By.cssSelector("button[data-conv='" + conversation + "']")).click();
        await().until(d -> conversation.equals(d.findElement(By.id("title")).getText()));
    }

    void attach(Path file) {
        driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            for (Path dir : List.of(profile, downloads)) {
                org.springframework.util.FileSystemUtils.deleteRecursively(dir);
            }
        }
    }
}
