package dev.mailroom.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium with its matching driver (TestBench needs a licence server these
 * machines cannot reach). In CI a missing browser fails the run; on a developer machine the
 * browser tests are skipped with a message saying how to install it.
 */
public final class Chromium {

    static final Path BROWSER = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));

    private Chromium() {}

    /** Keeps what the browser shows in target/screenshots, for people to look at; asserts nothing. */
    static void screenshot(org.openqa.selenium.WebDriver browser, String name) {
        try {
            var dir = Files.createDirectories(Path.of("target", "screenshots"));
            var png = ((org.openqa.selenium.TakesScreenshot) browser)
                    .getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Files.write(dir.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ChromeDriver start() {
        return start("en-US");
    }

    /** A browser whose user speaks {@code language} (its Accept-Language and its own texts). */
    public static ChromeDriver start(String language) {
        boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(
                    present, "Chromium not installed: apt-get install chromium chromium-driver (CI installs it)");
        }
        try {
            var profile = Files.createTempDirectory("mailroom-chromium");
            var options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--lang=" + language,
                    "--window-size=1280,900",
                    "--user-data-dir=" + profile);
            options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
            var service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile())
                    .build();
            var driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
