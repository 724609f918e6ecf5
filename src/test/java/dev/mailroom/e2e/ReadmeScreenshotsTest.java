package dev.mailroom.e2e;

import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.CertificateTrust;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.support.DatabaseOwner;
import dev.mailroom.support.Ports;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The README's pictures, taken in real Chromium as a newcomer would see the pages (dev tools hidden):
 * the SMTP page with the default service, a test email's transcript (custom settings pointing at the demo
 * mailbox), the demo mailbox, custom Basic settings, OAuth 2.0 whose token cannot be obtained (error banner
 * and sidebar badge), and the page in Polish and
 * in Indonesian. They land in target/screenshots; {@code scripts/readme-screenshots} copies them to
 * docs/screenshots. Each step waits for what it shows, so a page that stops rendering fails the test.
 */
@TestPropertySource(properties = "vaadin.devmode.devTools.enabled=false")
class ReadmeScreenshotsTest extends BrowserTest {

    private static final String DEMO_PASSWORD = "mailroom-demo";

    @Autowired
    TestTenants fixtures;

    @Autowired
    DatabaseOwner owner;

    @Autowired
    SmtpSettingsService settings;

    @Autowired
    dev.mailroom.smtp.TenantMailTargets.DefaultServiceFallback mailbox;

    @Test
    void theReadmesPictures() throws SQLException {
        browser.manage().window().setSize(new Dimension(1280, 1000));

        // Acme, as the demo starts: the deployment's default service (the built-in demo mailbox).
        signIn("ada@acme.example", DEMO_PASSWORD);
        openSmtpPage();
        Chromium.screenshot(browser, "readme-smtp-default");

        signOut();

        // Custom settings that point at the demo mailbox (STARTTLS with its CA, AUTH PLAIN): a test email and its
        // transcript, then the message in the mailbox.
        var initech = fixtures.newTenant("Initech");
        var ines = fixtures.newUser(initech, "Ines", Role.ADMIN);
        var demo = mailbox.properties();
        fixtures.signInAs(ines);
        try {
            settings.save(SmtpSettingsDraft.builder()
                    .host(demo.host())
                    .port(demo.port())
                    .security(ConnectionSecurity.STARTTLS)
                    .trust(CertificateTrust.CUSTOM)
                    .newCaPem(demo.caPem())
                    .senderName("Initech")
                    .senderAddress("noreply@initech.example")
                    .authType(AuthType.BASIC)
                    .username(demo.username())
                    .newPassword(demo.password())
                    .build());
        } finally {
            fixtures.signOut();
        }
        signIn(ines.email(), TestTenants.PASSWORD);
        openSmtpPage();
        click("smtp-send-test-email");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-result"), "Test email sent"));
        click("smtp-conversation-transcript");
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-conversation-transcript"), "STARTTLS"));
        scrollTo("smtp-result");
        Chromium.screenshot(browser, "readme-smtp-test-transcript");

        click("nav-mailbox");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mailbox-grid"), "Mailroom"));
        Chromium.screenshot(browser, "readme-demo-mailbox");
        signOut();

        // A tenant of its own server, Basic authentication, saved.
        customSettingsAsNewAdmin(
                "Northwind", "Nadia", "smtp.northwind.example", "Northwind <noreply@northwind.example>");
        chooseRadio("Basic");
        type("smtp-username", "mailer@northwind.example");
        type("smtp-password-input", "a-secret-nobody-sees");
        click("smtp-save");
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-result"), "SMTP configuration updated"));
        scrollTo("smtp-use-custom");
        Chromium.screenshot(browser, "readme-smtp-custom-basic");
        signOut();

        // OAuth 2.0 whose token endpoint cannot be reached: saved, but invalid; the banner and the badge say so.
        customSettingsAsNewAdmin("Contoso", "Omar", "smtp.contoso.example", "reports@contoso.example");
        chooseRadio("OAuth 2.0");
        click("smtp-oauth-provider");
        // Every select keeps its items in the page; the open one's are the ones displayed.
        wait.until(b -> b.findElements(By.xpath("//vaadin-select-item[normalize-space(.)='Other']")).stream()
                        .filter(org.openqa.selenium.WebElement::isDisplayed)
                        .findFirst()
                        .orElse(null))
                .click();
        type("smtp-username", "reports@contoso.example");
        type("smtp-oauth-token-url", "https://127.0.0.1:" + Ports.unusedLoopbackPort() + "/oauth2/token");
        type("smtp-oauth-client-id", "mailroom");
        type("smtp-client-secret-input", "client-secret-value");
        type("smtp-oauth-scope", "smtp.send");
        click("smtp-save");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-result"), "Invalid configuration"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-smtp-badge")));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        Chromium.screenshot(browser, "readme-smtp-oauth-error");
        signOut();

        // The same page in Polish and in Indonesian: the users' own choice of language.
        for (var person :
                new String[][] {{"maria@globex.example", "pl", "Zapisz"}, {"budi@globex.example", "id", "Simpan"}}) {
            setLanguage(person[0], person[1]);
            try {
                signIn(person[0], DEMO_PASSWORD);
                openSmtpPage();
                // The Save button in the person's language.
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("smtp-save"), person[2]));
                Chromium.screenshot(browser, "readme-smtp-" + person[1]);
                signOut();
            } finally {
                setLanguage(person[0], null);
            }
        }
    }

    /** A new tenant's new admin signs in and starts custom settings: server and sender filled in. */
    private void customSettingsAsNewAdmin(String tenant, String admin, String host, String sender) {
        var person = fixtures.newUser(fixtures.newTenant(tenant), admin, Role.ADMIN);
        signIn(person.email(), TestTenants.PASSWORD);
        openSmtpPage();
        click("smtp-use-custom");
        type("smtp-host", host);
        type("smtp-sender-address", sender);
    }

    private void openSmtpPage() {
        click("nav-smtp");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("smtp-save")));
    }

    private void chooseRadio(String label) {
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.xpath("//vaadin-radio-button[.//label[contains(., '" + label + "')]]")))
                .click();
    }

    private void scrollTo(String id) {
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'start'})", browser.findElement(By.id(id)));
    }

    private void signOut() {
        browser.manage().deleteAllCookies();
    }

    private void setLanguage(String email, String language) throws SQLException {
        try (var connection = owner.connect();
                var st = connection.prepareStatement(
                        "update person set preferred_language = ? where email_key = lower(?)")) {
            st.setString(1, language);
            st.setString(2, email);
            st.executeUpdate();
        }
    }
}
