package dev.mailroom.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.support.HostilePeer;
import dev.mailroom.support.LoopbackSmtp;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One tenant's slow server delays only that tenant's mail. The read timeout and the message deadline are long
 * here (30 s), so the held tenant's conversation really stays open while the other tenant's mail must go.
 */
@MailroomTest
@TestPropertySource(
        properties = {
            "mailroom.outbox.enabled=true",
            "mailroom.outbox.poll-interval=200ms",
            "mailroom.outbox.lease=2m",
            "mailroom.mail.read-timeout=30s",
            "mailroom.mail.message-deadline=30s"
        })
class FairDispatchTest {

    static final String USER = "mailer";
    static final String PASSWORD = "mailer-password";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));

    @Autowired
    TestTenants fixtures;

    @Autowired
    SmtpSettingsService settings;

    @Autowired
    Outbox outbox;

    @Autowired
    Deliveries deliveries;

    @Autowired
    TransactionTemplate transaction;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    @Test
    void aTenantWhoseServerHoldsItsMailDoesNotHoldUpAnotherTenantsMail() throws Exception {
        try (var held = new HostilePeer(HostilePeer.Conduct.HOLDING_DATA, Duration.ZERO)) {
            var acme = fixtures.newUser(fixtures.newTenant("Held"), "Ada", Role.ADMIN);
            fixtures.signInAs(acme);
            settings.save(SmtpSettingsDraft.builder()
                    .host("127.0.0.1")
                    .port(held.port())
                    .security(ConnectionSecurity.NONE)
                    .senderAddress("noreply@held.example")
                    .authType(AuthType.NONE)
                    .build());
            enqueue("Held invitation");
            assertThat(held.awaitHolding(Duration.ofSeconds(20)))
                    .as("the held tenant's message reached its server")
                    .isTrue();

            var globex = fixtures.newUser(fixtures.newTenant("Free"), "Gil", Role.ADMIN);
            fixtures.signInAs(globex);
            settings.save(LoopbackSmtp.basic(greenMail.getSmtp().getPort(), USER, PASSWORD));
            enqueue("Free invitation");
            await("the other tenant's mail, sent while the first tenant's server still holds its message")
                    .atMost(Duration.ofSeconds(20))
                    .pollInSameThread()
                    .until(() -> states(), s -> s.equals(List.of(DeliveryState.SENT)));
            assertThat(held.awaitHangUp(Duration.ZERO))
                    .as("the held conversation is still open")
                    .isFalse();

            held.release();
            fixtures.signInAs(acme);
            await("the held tenant's mail, once its server answers")
                    .atMost(Duration.ofSeconds(20))
                    .pollInSameThread()
                    .until(() -> states(), s -> s.equals(List.of(DeliveryState.SENT)));
        }
    }

    private void enqueue(String subject) {
        transaction.execute(tx -> outbox.enqueue(MailKind.ADMIN_NOTICE, "someone@example.com", subject, "Body"));
    }

    private List<DeliveryState> states() {
        return deliveries.recent(10).stream().map(OutboxMessage::state).toList();
    }
}
