package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.support.Ports;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** Two admins of one tenant in two real browsers: what one of them breaks, the other sees at once. */
class TwoAdminsEndToEndTest extends BrowserTest {

    @Autowired
    TestTenants fixtures;

    @Test
    void aFailedTestByOneAdminShowsTheBadgeInTheOtherAdminsOpenPageWithoutReload() {
        var tenant = fixtures.newTenant("Duo");
        var first = fixtures.newUser(tenant, "First", Role.ADMIN);
        var second = fixtures.newUser(tenant, "Second", Role.ADMIN);
        WebDriver other = Chromium.start();
        try {
            var otherWait = new WebDriverWait(other, Duration.ofSeconds(60));
            signIn(other, otherWait, url("login"), second.email(), TestTenants.PASSWORD);
            otherWait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
            assertThat(other.findElements(By.cssSelector("#nav-smtp-badge:not([hidden])")))
                    .isEmpty();

            signIn(first.email(), TestTenants.PASSWORD);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
            browser.get(url("admin/smtp"));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("smtp-use-custom")))
                    .click();
            type("smtp-host", "127.0.0.1");
            type("smtp-port", String.valueOf(Ports.unusedLoopbackPort()));
            type("smtp-sender-address", "noreply@duo.example");
            click("smtp-test-connection");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-result"), "The test failed"));

            var badge = new WebDriverWait(other, Duration.ofSeconds(10))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-smtp-badge")));
            assertThat(badge.getText()).contains("Error");
            Chromium.screenshot(other, "badge-second-admin");
            Chromium.screenshot(browser, "smtp-banner-first-admin");
        } finally {
            other.quit();
        }
    }
}
