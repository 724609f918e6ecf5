package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The real thing: the app on a random port, signed into from real headless Chromium. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"mailroom.demo.enabled=true",
        "logging.level.org.openqa.selenium.devtools=error", "logging.level.org.openqa.selenium.chromium=error"})
class LoginEndToEndTest {

    @LocalServerPort int port;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start();
        // Vaadin dev mode serves its first page slowly on a cold JVM.
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + "/" + path;
    }

    private void signIn(String email, String password) {
        browser.get(url("login"));
        WebElement username = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name='username']")));
        username.sendKeys(email);
        browser.findElement(By.cssSelector("input[name='password']")).sendKeys(password, Keys.ENTER);
    }

    @Test
    void theLoginPageRenders() {
        browser.get(url(""));
        wait.until(ExpectedConditions.urlContains("/login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("vaadin-login-form")));
        assertThat(browser.getTitle()).contains("Sign in");
        Chromium.screenshot(browser, "login");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Mailroom");
    }

    @Test
    void aDemoAdminSignsInAndLandsOnTheMainLayout() {
        signIn("ada@acme.example", "mailroom-demo");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
        assertThat(browser.findElement(By.id("home-view")).getText()).contains("Welcome, Ada Lovelace", "Acme");
        assertThat(browser.findElement(By.id("nav-smtp")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.tagName("vaadin-app-layout")).isDisplayed()).isTrue();
        Chromium.screenshot(browser, "home-admin");
    }

    @Test
    void aWrongPasswordShowsTheLoginError() {
        signIn("ada@acme.example", "not-the-password");
        wait.until(ExpectedConditions.urlContains("error"));
        var form = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form[error]")));
        wait.until(d -> form.getText().contains("Incorrect email or password"));
        Chromium.screenshot(browser, "login-error");
        assertThat(browser.findElements(By.id("home-view"))).isEmpty();
    }

    @Test
    void anUnknownAddressShowsTheNotFoundPage() {
        signIn("grace@acme.example", "mailroom-demo");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
        browser.get(url("no/such/page"));
        var notFound = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("not-found-view")));
        assertThat(notFound.getText()).contains("Page not found");
        Chromium.screenshot(browser, "not-found");
    }
}
