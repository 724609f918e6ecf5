package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.outbox.Deliveries;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import dev.mailroom.users.UserService;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** Joining by invitation and losing a session, in real Chromium against the running app. */
class AccountEndToEndTest extends BrowserTest {

    @Autowired
    TestTenants fixtures;

    @Autowired
    UserService users;

    @Autowired
    Deliveries deliveries;

    @Autowired
    dev.mailroom.mailbox.Mailbox mailbox;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    @Test
    void anAdminInvitesSomeoneWhoFollowsTheLinkChoosesAPasswordAndSignsIn() {
        var admin = fixtures.newUser(fixtures.newTenant("Joiners"), "Jo", Role.ADMIN);
        signIn(admin.email(), TestTenants.PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
        browser.get(url("admin/users"));
        click("users-invite");
        String address = "newcomer." + System.nanoTime() + "@joiners.example";
        type("invite-email", address);
        type("invite-name", "Nia Newcomer");
        click("invite-send");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("users-result"), "Invitation sent to " + address));

        // The link as the mail carries it: the invitee's mail as the demo mailbox received it (the outbox keeps
        // no working link).
        fixtures.signInAs(admin);
        var received = org.awaitility.Awaitility.await("the invitation in the demo mailbox")
                .pollInSameThread()
                .atMost(java.time.Duration.ofSeconds(15))
                .until(
                        () -> mailbox.recent(20).stream()
                                .filter(m -> m.to().contains(address))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        var text = mailbox.open(received.id()).orElseThrow().text();
        var link = Pattern.compile("/(account/password\\?token=[A-Za-z0-9_-]+)").matcher(text);
        assertThat(link.find()).as(text).isTrue();
        assertThat(deliveries.recent(5).stream()
                        .filter(m -> m.recipient().equals(address))
                        .findFirst()
                        .orElseThrow()
                        .body())
                .as("the outbox's copy")
                .doesNotContain(link.group(1));

        browser.manage().deleteAllCookies();
        browser.get(url(link.group(1)));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("set-password-view"), "Welcome, Nia Newcomer"));
        choosePassword("lantern orchard quietly");

        signIn(address, "lantern orchard quietly");
        var home = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
        assertThat(home.getText()).contains("Nia Newcomer");
    }

    @Test
    void aDeactivatedUsersOpenSessionEndsAtItsNextRequest() {
        var tenant = fixtures.newTenant("Leavers");
        var admin = fixtures.newUser(tenant, "Lea", Role.ADMIN);
        var user = fixtures.newUser(tenant, "Leo", Role.USER);
        signIn(user.email(), TestTenants.PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));

        fixtures.signInAs(admin);
        users.deactivate(user.id());

        browser.navigate().refresh();
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(browser.findElements(By.id("home-view"))).isEmpty();
    }
}
