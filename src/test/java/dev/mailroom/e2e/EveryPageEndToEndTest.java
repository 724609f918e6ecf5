package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.support.Ports;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Every page and state an admin, a user and the operator meet, in real Chromium, in each language the browser
 * asks for: no WCAG 2.2 A/AA violation (axe-core) and no word of another language (texts and accessible names,
 * the components' own included).
 */
// As a newcomer sees the pages (and the context ReadmeScreenshotsTest starts is shared): no development tools.
@TestPropertySource(properties = "vaadin.devmode.devTools.enabled=false")
class EveryPageEndToEndTest extends BrowserTest {

    @Autowired
    TestTenants fixtures;

    @Autowired
    dev.mailroom.support.DatabaseOwner owner;

    /**
     * Data, the same in every language: the demo operator's name, the demo mailbox's user name, and (once the
     * console is open) every tenant's name and slug, whichever other tests made.
     */
    private final java.util.Set<String> data =
            new java.util.HashSet<>(java.util.Set.of("Platform Operator", "mailbox"));

    private final List<String> problems = new ArrayList<>();
    private String language = "en";

    @ParameterizedTest
    @ValueSource(strings = {"en", "pl", "id"})
    void everyPageSpeaksTheBrowsersLanguageAndPassesAxe(String language) throws Exception {
        this.language = language;
        browser.quit();
        browser = Chromium.start(language);
        wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(60));
        var tenant = fixtures.newTenant("Walk-" + language);
        var admin = fixtures.newUser(tenant, "Wanda", Role.ADMIN);
        var user = fixtures.newUser(tenant, "Ursula", Role.USER);

        browser.get(url("login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("vaadin-login-form")));
        audit("login");
        signIn(admin.email(), "not-the-password");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form[error]")));
        audit("login with an error");
        browser.get(url("account/forgot"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("forgot-email")));
        audit("forgot password");
        browser.get(url("account/password?token=not-a-token"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("set-password-view")));
        audit("set password, unusable link");

        signIn(admin.email(), TestTenants.PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
        audit("home");

        browser.get(url("admin/smtp"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("smtp-use-custom")));
        audit("SMTP page, default service");
        click("smtp-use-custom");
        type("smtp-host", "127.0.0.1");
        type("smtp-port", String.valueOf(Ports.unusedLoopbackPort()));
        type("smtp-sender-address", "noreply@walk.example");
        click("smtp-test-connection");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".mailroom-transcript")));
        // Said to a screen reader without moving its focus.
        assertThat(browser.findElement(By.id("smtp-result")).getAttribute("aria-live"))
                .isEqualTo("polite");
        audit("SMTP page, custom, a failed test's report");
        click("smtp-save");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("smtp-audit")));
        var banner = browser.findElement(By.id("smtp-status-banner"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", banner);
        wait.until(d -> banner.isDisplayed() && !banner.getText().isBlank());
        assertThat(banner.getAttribute("role")).isEqualTo("alert");
        audit("SMTP page, saved, the failed test's error banner");
        choose("smtp-auth-type", 2);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("smtp-username")));
        choose("smtp-trust", 2);
        audit("SMTP page, Basic authentication and a custom certificate");
        choose("smtp-auth-type", 3);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("smtp-oauth-provider")));
        audit("SMTP page, OAuth 2.0");
        browser.navigate().refresh();
        click("smtp-remove");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("smtp-remove-dialog")));
        audit("SMTP page, remove dialog");
        // Back to the default service (here the demo mailbox), which delivers the invitation below.
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("vaadin-button[slot='confirm-button']")))
                .click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("smtp-remove-dialog")));

        browser.get(url("admin/deliveries"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("deliveries-grid")));
        audit("deliveries");
        browser.get(url("admin/users"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("users-invite")));
        audit("users");
        // By keyboard: the dialog takes the focus, keeps it, and gives it back to the button that opened it.
        var invite = wait.until(ExpectedConditions.elementToBeClickable(By.id("users-invite")));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].focus()", invite);
        invite.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("invite-email")));
        audit("users, invite dialog");
        for (int i = 0; i < 12; i++) {
            focused().sendKeys(Keys.TAB);
            assertThat(focusedIsInside("users-invite-dialog"))
                    .as("focus after %d tabs stays in the dialog", i + 1)
                    .isTrue();
        }
        focused().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("invite-email")));
        wait.until(d -> "users-invite".equals(focused().getAttribute("id")));
        click("users-invite");
        type("invite-email", "newcomer@walk-" + language + ".example");
        type("invite-name", "Nia");
        click("invite-send");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users-result"), "newcomer@"));
        audit("users, an invitation sent");

        browser.get(url("admin/deliveries"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deliveries-grid"), "newcomer@"));
        audit("deliveries, one sent");
        browser.get(url("admin/mailbox"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mailbox-grid")));
        audit("mailbox");
        var invitation = By.xpath("//vaadin-grid-cell-content[contains(., 'newcomer@walk-" + language + ".example')]");
        wait.until(d -> {
            click("mailbox-refresh");
            return !d.findElements(invitation).isEmpty();
        });
        wait.until(ExpectedConditions.elementToBeClickable(invitation)).click();
        var letter = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mailbox-message-text")));
        audit("mailbox, a message open");
        var link = java.util.regex.Pattern.compile("/(account/password\\?token=[A-Za-z0-9_-]+)")
                .matcher(letter.getText());
        assertThat(link.find()).as(letter.getText()).isTrue();
        String setPassword = link.group(1);
        browser.get(url("admin/api-tokens"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("api-tokens-grid")));
        audit("API tokens, none");
        type("api-tokens-name", "deploy");
        click("api-tokens-create");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-tokens-secret")));
        audit("API tokens, a new token shown once");
        click("api-tokens-close");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("api-tokens-secret")));
        audit("API tokens, one");
        browser.get(url("no/such/page"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("not-found-view")));
        audit("not found");

        browser.manage().deleteAllCookies();
        browser.get(url(setPassword));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("set-password-new")));
        audit("set password, from an invitation");

        signIn(user.email(), TestTenants.PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
        audit("home, a user");
        browser.get(url("admin/smtp"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("not-allowed-view")));
        audit("an admin page, a user");

        // A person in two tenants picks one after signing in, and can come back to the picker from the user menu.
        browser.manage().deleteAllCookies();
        var other = fixtures.newTenant("Other-" + language);
        data.addAll(List.of(tenant.name(), other.name()));
        String consultant = "casey." + language + "." + System.nanoTime() + "@agency.example";
        var inWalk = fixtures.newMember(tenant, consultant, "Casey", Role.ADMIN);
        fixtures.newMember(other, consultant, "Casey", Role.USER);
        signIn(consultant, TestTenants.PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenant-picker")));
        audit("tenant picker");
        click("tenant-picker-" + inWalk.id());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
        browser.get(url("choose-tenant"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenant-picker")));
        audit("tenant picker, switching");

        browser.manage().deleteAllCookies();
        signIn("operator@mailroom.example", "mailroom-demo");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
        data.addAll(tenantNamesAndSlugs());
        browser.get(url("operator/tenants"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("console-grid")));
        audit("operator console");
        click("console-create");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("create-tenant-name")));
        audit("operator console, new tenant dialog");

        assertThat(problems)
                .as("in " + language + ":\n" + String.join("\n", problems))
                .isEmpty();
    }

    private List<String> tenantNamesAndSlugs() throws java.sql.SQLException {
        var found = new ArrayList<String>();
        try (var connection = owner.connect();
                var rows = connection.createStatement().executeQuery("select name, slug from tenant")) {
            while (rows.next()) {
                found.add(rows.getString(1));
                found.add(rows.getString(2));
            }
        }
        return found;
    }

    /** Picks the n-th option (from 1) of a radio group, as a person clicks it. */
    private void choose(String groupId, int option) {
        var radio = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#" + groupId + " vaadin-radio-button:nth-of-type(" + option + ")")));
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center'})", radio);
        radio.click();
    }

    private org.openqa.selenium.WebElement focused() {
        return browser.switchTo().activeElement();
    }

    /** Whether the focus is in the dialog's overlay (its content lives in the light DOM of the dialog). */
    private boolean focusedIsInside(String dialogId) {
        return Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript(
                        "let e = document.activeElement; while (e && e.shadowRoot && e.shadowRoot.activeElement)"
                                + " e = e.shadowRoot.activeElement;"
                                + " const dialog = document.getElementById(arguments[0]);"
                                + " for (let n = e; n; n = n.parentNode || n.host) { if (n === dialog) return true; }"
                                + " return false;",
                        dialogId));
    }

    private void audit(String state) {
        // A dialog fading in has text at a fraction of its contrast: look at what stays, not at the animation.
        wait.until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return document.getAnimations().every(a => a.playState !== 'running'"
                        + " || a.effect.getComputedTiming().iterations === Infinity)")));
        for (var violation : PageAudit.accessibilityViolations(browser)) {
            problems.add(state + ": " + violation);
        }
        for (var word : PageAudit.foreignWords(PageAudit.texts(browser), language, data)) {
            problems.add(state + ": not " + language + ": " + word);
        }
        Chromium.screenshot(
                browser,
                "walk-" + language + "-"
                        + state.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
    }
}
