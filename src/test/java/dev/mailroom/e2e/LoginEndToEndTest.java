package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The real thing: the app on a random port, signed into from real headless Chromium. */
class LoginEndToEndTest extends BrowserTest {

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
        assertThat(browser.findElement(By.tagName("vaadin-app-layout")).isDisplayed())
                .isTrue();
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
