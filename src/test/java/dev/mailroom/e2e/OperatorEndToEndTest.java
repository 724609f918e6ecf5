package dev.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailroom.support.DatabaseOwner;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole path in real Chromium: the operator creates a tenant, the invitation travels through the outbox
 * and the demo mailbox's SMTP server (STARTTLS, AUTH), and the invited admin follows the mailed link,
 * chooses a password and signs in.
 */
class OperatorEndToEndTest extends BrowserTest {

    private static final Pattern LINK = Pattern.compile("/(account/password\\?token=[A-Za-z0-9_-]+)");

    @Autowired
    DatabaseOwner owner;

    @Test
    void theOperatorCreatesATenantAndItsInvitedAdminJoins() {
        signIn("operator@mailroom.example", "mailroom-demo");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
        click("nav-tenants");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("console-view")));
        click("console-create");
        type("create-tenant-name", "Initech");
        String slug = "initech-" + System.nanoTime();
        type("create-tenant-slug", slug);
        String admin = "bill." + System.nanoTime() + "@initech.example";
        type("create-admin-email", admin);
        type("create-admin-name", "Bill Lumbergh");
        click("create-tenant-submit");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("console-result"), "Initech was created"));

        String link = mailedLink(admin);
        browser.manage().deleteAllCookies();
        browser.get(url(link));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("set-password-view"), "Welcome, Bill Lumbergh"));
        choosePassword("staplers are mine now");

        signIn(admin, "staplers are mine now");
        var home = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-view")));
        assertThat(home.getText()).contains("Bill Lumbergh", "Initech");
        assertThat(browser.findElement(By.id("nav-smtp")).isDisplayed()).isTrue();
    }

    /** The link in the invitation as the demo mailbox received it over SMTP. */
    private String mailedLink(String recipient) {
        var raw = new AtomicReference<byte[]>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (var db = owner.connect();
                    var st = db.prepareStatement("select raw from mailbox_message where recipient = ?")) {
                st.setString(1, recipient);
                var rs = st.executeQuery();
                if (rs.next()) {
                    raw.set(rs.getBytes(1));
                }
            }
            return raw.get() != null;
        });
        try {
            var message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.get()));
            var matcher = LINK.matcher(String.valueOf(message.getContent()));
            assertThat(matcher.find()).as("a link in the invitation").isTrue();
            return matcher.group(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
