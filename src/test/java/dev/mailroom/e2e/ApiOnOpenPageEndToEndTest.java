package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.api.ApiTokens;
import dev.mailroom.support.Ports;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One service path for the page and the API: a script changes the settings while an admin has the SMTP page open,
 * and the page shows it as it happens (the badge, the audit line naming the token, a note to reload).
 */
class ApiOnOpenPageEndToEndTest extends BrowserTest {

    @Autowired
    TestTenants fixtures;

    @Autowired
    ApiTokens tokens;

    @Test
    void aChangeThroughTheApiShowsOnTheOpenSmtpPageWithTheBadgeAndTheAuditLine() throws Exception {
        var admin = fixtures.newUser(fixtures.newTenant("Api-Live"), "Lena", Role.ADMIN);
        fixtures.signInAs(admin);
        String token = tokens.create("deploy", Duration.ofDays(30)).secret();
        fixtures.signOut();

        signIn(admin.email(), TestTenants.PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
        browser.get(url("admin/smtp"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("smtp-audit")));
        assertThat(browser.findElements(By.cssSelector("#nav-smtp-badge:not([hidden])")))
                .isEmpty();

        // A client whose token endpoint does not answer: saved, but invalid (the status turns to ERROR).
        var put = HttpRequest.newBuilder(URI.create(url("api/v1/smtp-settings")))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("If-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"mode":"CUSTOM","host":"smtp.live.example","security":"STARTTLS",
                         "sender":{"address":"noreply@live.example"},
                         "authentication":{"type":"OAUTH2","username":"noreply@live.example",
                           "oauth":{"provider":"OTHER","clientId":"mailroom","clientSecret":"client-s3cret",
                                    "tokenUrl":"https://127.0.0.1:%d/token","scope":"mail"}}}""".formatted(Ports.unusedLoopbackPort())))
                .build();
        var answer = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"valid\":false");

        var live = new WebDriverWait(browser, Duration.ofSeconds(15));
        var badge = live.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-smtp-badge")));
        assertThat(badge.getText()).contains("Error");
        live.until(ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-audit"), "Lena (API: deploy)"));
        live.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("smtp-result"), "These settings were changed since you opened the page"));
        assertThat(browser.findElement(By.id("smtp-in-use")).getText())
                .as("the form is left as it was (the admin may be typing) until they reload")
                .doesNotContain("smtp.live.example");

        click("smtp-reload");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-in-use"), "smtp.live.example"));
        assertThat(browser.findElement(By.id("smtp-host")).getAttribute("value"))
                .isEqualTo("smtp.live.example");
        Chromium.screenshot(browser, "smtp-changed-through-api");
    }
}
