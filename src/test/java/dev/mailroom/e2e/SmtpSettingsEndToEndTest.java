package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** An admin configures Basic authentication in real Chromium, saves, reloads, and the password shows as stored. */
class SmtpSettingsEndToEndTest extends BrowserTest {

    @Autowired
    TestTenants fixtures;

    @Test
    void anAdminSavesBasicSettingsAndAfterAReloadThePasswordIsStoredButNotShown() {
        var tenant = fixtures.newTenant("Chromium");
        var admin = fixtures.newUser(tenant, "Chris", Role.ADMIN);
        // An admin in Jakarta, a server on UTC: times on the page are the admin's.
        ((org.openqa.selenium.chrome.ChromeDriver) browser)
                .executeCdpCommand("Emulation.setTimezoneOverride", java.util.Map.of("timezoneId", "Asia/Jakarta"));

        signIn(admin.email(), TestTenants.PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
        browser.findElement(By.id("nav-smtp")).click();

        wait.until(ExpectedConditions.elementToBeClickable(By.id("smtp-use-custom")))
                .click();
        type("smtp-host", "smtp.example.com");
        type("smtp-sender-address", "Chromium Mail <noreply@example.com>");
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.xpath("//vaadin-radio-button[.//label[contains(., 'Basic')]]")))
                .click();
        type("smtp-username", "mailer");
        type("smtp-password-input", "browser-secret-123");
        click("smtp-save");
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-result"), "SMTP configuration updated"));
        Chromium.screenshot(browser, "smtp-basic-saved");

        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-password"), "Stored"));
        assertThat(browser.findElement(By.cssSelector("#smtp-host input")).getAttribute("value"))
                .isEqualTo("smtp.example.com");
        assertThat(browser.findElement(By.cssSelector("#smtp-sender-name input"))
                        .getAttribute("value"))
                .isEqualTo("Chromium Mail");
        assertThat(browser.getPageSource()).doesNotContain("browser-secret-123");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-audit"), "saved by Chris"));
        assertThat(browser.findElement(By.id("smtp-audit")).getText())
                .as("the audit time in the browser's zone")
                .contains("WIB")
                .doesNotContain("UTC");
        assertThat(browser.findElement(By.id("smtp-password-replace")).isDisplayed())
                .isTrue();
        Chromium.screenshot(browser, "smtp-basic-reloaded");

        // A test with unsaved changes: another host, so the stored password may not go there: type it again.
        int closed = dev.mailroom.support.Ports.unusedLoopbackPort();
        type("smtp-host", "127.0.0.1");
        type("smtp-port", String.valueOf(closed));
        click("smtp-test-connection");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-result"), "Nothing was tested"));
        assertThat(browser.findElement(By.id("smtp-password")).getText()).contains("enter the secret again");
        click("smtp-password-replace");
        type("smtp-password-input", "browser-secret-123");
        click("smtp-test-connection");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("smtp-result"), "The test failed at: TCP connect"));
        assertThat(browser.findElement(By.id("smtp-result")).getText())
                .contains("No connection could be made to the server on this port");
        Chromium.screenshot(browser, "smtp-test-connection-failed");

        // "Copy report" puts the report on the clipboard in the click itself, as browsers require; never a secret.
        ((org.openqa.selenium.chrome.ChromeDriver) browser)
                .executeCdpCommand(
                        "Browser.grantPermissions",
                        java.util.Map.of(
                                "permissions", java.util.List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        click("smtp-conversation-copy");
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-conversation-copy"), "Report copied"));
        var clipboard = String.valueOf(((org.openqa.selenium.JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "navigator.clipboard.readText().then(done, e => done('clipboard unreadable: ' + e));"));
        assertThat(clipboard)
                .contains("The test failed at: TCP connect", "No connection could be made")
                .contains("127.0.0.1:" + closed)
                .doesNotContain("browser-secret-123");
    }
}
