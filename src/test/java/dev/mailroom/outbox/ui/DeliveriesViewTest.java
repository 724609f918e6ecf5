package dev.mailroom.outbox.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.badge.Badge;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import dev.mailroom.mailbox.Mailbox;
import dev.mailroom.mailbox.MailboxEntry;
import dev.mailroom.outbox.Deliveries;
import dev.mailroom.outbox.DeliveryState;
import dev.mailroom.outbox.MailKind;
import dev.mailroom.outbox.Outbox;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.support.LoopbackSmtp;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Administration → Deliveries with this context's dispatcher sending to real SMTP servers on loopback. */
@MailroomTest
@TestPropertySource(
        properties = {
            "mailroom.outbox.enabled=true",
            "mailroom.outbox.poll-interval=200ms",
            "mailroom.outbox.first-retry=300ms",
            "mailroom.outbox.lease=2s"
        })
class DeliveriesViewTest extends SpringBrowserlessTest {

    static final int STATE = 4;
    static final int ATTEMPTS = 5;
    static final int LAST_ERROR = 7;
    static final int RETRY = 8;

    @RegisterExtension
    static GreenMailExtension greenMail = LoopbackSmtp.greenMail();

    @Autowired
    TestTenants fixtures;

    @Autowired
    SmtpSettingsService settings;

    @Autowired
    Outbox outbox;

    @Autowired
    Deliveries deliveries;

    @Autowired
    Mailbox mailbox;

    @Autowired
    TransactionTemplate transaction;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private DeliveriesView open() {
        UI.getCurrent().navigate("");
        return navigate(DeliveriesView.class);
    }

    private void awaitState(DeliveryState state) {
        await().atMost(Duration.ofSeconds(15))
                .pollInSameThread()
                .until(() -> deliveries.recent(1).getFirst().state() == state);
    }

    private String stateShown(DeliveriesView view) {
        return ((Badge) test(view.grid).getCellComponent(0, STATE)).getText();
    }

    @Test
    void aFailedDeliveryShowsWhyAndRetryAfterTheFixSendsIt() {
        fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Deliveries"), "Dora", Role.ADMIN));
        settings.save(LoopbackSmtp.basic(greenMail.getSmtp().getPort(), LoopbackSmtp.USER, "not-the-password"));
        transaction.execute(
                tx -> outbox.enqueue(MailKind.INVITATION, "new.user@deliveries.example", "You are invited", "Hello"));
        awaitState(DeliveryState.FAILED);

        var view = open();
        assertThat(test(view.grid).size()).isEqualTo(1);
        assertThat(test(view.grid).getCellText(0, 1)).isEqualTo("Invitation");
        assertThat(stateShown(view)).isEqualTo("Failed");
        assertThat(test(view.grid).getCellText(0, ATTEMPTS)).isEqualTo("1");
        assertThat(test(view.grid).getCellText(0, LAST_ERROR))
                .startsWith("The server refused the user name and password (535)")
                .contains("535 ");

        settings.save(SmtpSettingsDraft.from(settings.load())
                .newPassword(LoopbackSmtp.PASSWORD)
                .build());
        var retry = (Button) test(view.grid).getCellComponent(0, RETRY);
        assertThat(retry.getText()).isEqualTo("Retry");
        test(retry).click();
        assertThat($(Paragraph.class).id("deliveries-result").getText())
                .isEqualTo("The message to new.user@deliveries.example is queued again.");
        awaitState(DeliveryState.SENT);
        test($(Button.class).id("deliveries-refresh")).click();
        assertThat(stateShown(view)).isEqualTo("Sent");
        assertThat(test(view.grid).getCellText(0, LAST_ERROR)).isEmpty();
        assertThat(test(view.grid).getCellComponent(0, RETRY))
                .as("nothing to retry")
                .isNotInstanceOf(Button.class);
        // SENT is recorded at the server's 250; GreenMail files the message a moment later.
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    /** A server that says the quota is used: the page says sending is paused, by which server, until when and why. */
    @Test
    void aPausedTenantSeesWhyItsMailWaitsAndUntilWhen() {
        try (var server = dev.mailroom.support.TestSmtpServer.builder()
                .user(LoopbackSmtp.USER, LoopbackSmtp.PASSWORD)
                .rejectMessages(1, "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException")
                .start()) {
            fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Paused"), "Pia", Role.ADMIN));
            settings.save(LoopbackSmtp.basic(server.port(), LoopbackSmtp.USER, LoopbackSmtp.PASSWORD));
            transaction.execute(tx ->
                    outbox.enqueue(MailKind.INVITATION, "waiting@deliveries.example", "You are invited", "Hello"));
            await("the tenant's pause")
                    .atMost(Duration.ofSeconds(15))
                    .pollInSameThread()
                    .until(() -> deliveries.pause().isPresent());

            var view = open();
            var paused = $(Paragraph.class).id("deliveries-paused");
            assertThat(paused.isVisible()).isTrue();
            assertThat(paused.getText())
                    .startsWith("Sending is paused by 127.0.0.1 until ")
                    .endsWith("SubmissionQuotaExceededException");
            assertThat(stateShown(view)).isEqualTo("Queued");
            assertThat(test(view.grid).getCellText(0, ATTEMPTS))
                    .as("the pause is not the message's")
                    .isEqualTo("0");
            assertThat(test(view.grid).getCellText(0, 6)).startsWith("When the pause ends");
            assertThat(test(view.grid).getCellText(0, LAST_ERROR)).startsWith("Paused by the server");
        }
    }

    /** In demo mode, the default mail service is the built-in demo mailbox: product mail arrives there. */
    @Test
    void aTenantWithoutCustomSettingsSendsToTheDemoMailbox() {
        var admin = fixtures.newUser(fixtures.newTenant("Defaulted"), "Deb", Role.ADMIN);
        fixtures.signInAs(admin);
        transaction.execute(tx -> outbox.enqueue(MailKind.ADMIN_NOTICE, admin.email(), "Something to know", "Details"));
        awaitState(DeliveryState.SENT);

        assertThat(stateShown(open())).isEqualTo("Sent");
        assertThat(mailbox.recent(10)).singleElement().satisfies(arrived -> {
            assertThat(arrived.subject()).isEqualTo("Something to know");
            assertThat(arrived.to()).isEqualTo(admin.email());
            assertThat(arrived.from()).isEqualTo("Mailroom <noreply@mailroom.example>");
            assertThat(arrived.authMechanism()).isNotNull();
            assertThat(arrived.tlsProtocol()).startsWith("TLSv1.");
        });
        assertThat(mailbox.recent(10)).extracting(MailboxEntry::subject).doesNotContain("You are invited");
    }
}
