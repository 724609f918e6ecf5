package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An admin configures Basic authentication in real Chromium, saves, reloads, and the password shows as stored. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"mailroom.demo.enabled=true",
        "logging.level.org.openqa.selenium.devtools=error", "logging.level.org.openqa.selenium.chromium=error"})
class SmtpSettingsEndToEndTest {

    @LocalServerPort int port;
    @Autowired TestTenants fixtures;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void type(String fieldId, String text) {
        var input = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + fieldId + " input")));
        input.clear();
        input.sendKeys(text, Keys.TAB);
    }

    @Test
    void anAdminSavesBasicSettingsAndAfterAReloadThePasswordIsStoredButNotShown() {
        var tenant = fixtures.newTenant("Chromium");
        var admin = fixtures.newUser(tenant, "Chris", Role.ADMIN);

        browser.get("http://127.0.0.1:" + port + "/login");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name='username']"))).sendKeys(admin.email());
        browser.findElement(By.cssSelector("input[name='password']")).sendKeys(TestTenants.PASSWORD, Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
        browser.findElement(By.id("nav-smtp")).click();

        wait.until(ExpectedConditions.elementToBeClickable(By.id("smtp-use-custom"))).click();
        type("smtp-host", "smtp.example.com");
        type("smtp-sender-address", "Chromium Mail <noreply@example.com>");
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-radio-button[.//label[contains(., 'Basic')]]"))).click();
        type("smtp-username", "mailer");
        type("smtp-password-input", "browser-secret-123");
        browser.findElement(By.id("smtp-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-result"), "SMTP configuration updated"));
        Chromium.screenshot(browser, "smtp-basic-saved");

        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-password"), "Stored"));
        assertThat(browser.findElement(By.cssSelector("#smtp-host input")).getAttribute("value")).isEqualTo("smtp.example.com");
        assertThat(browser.findElement(By.cssSelector("#smtp-sender-name input")).getAttribute("value")).isEqualTo("Chromium Mail");
        assertThat(browser.getPageSource()).doesNotContain("browser-secret-123");
        assertThat(browser.findElement(By.id("smtp-password-replace")).isDisplayed()).isTrue();
        Chromium.screenshot(browser, "smtp-basic-reloaded");
    }
}
