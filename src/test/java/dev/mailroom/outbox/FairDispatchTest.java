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
            "mailroom.outbox.batch-size=2",
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
            sendThrough(held.port());
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

    /** The signed-in admin's tenant sends through this server, plain SMTP without authentication. */
    private void sendThrough(int port) {
        settings.save(SmtpSettingsDraft.builder()
                .host("127.0.0.1")
                .port(port)
                .security(ConnectionSecurity.NONE)
                .senderAddress("noreply@held.example")
                .authType(AuthType.NONE)
                .build());
    }

    private void enqueue(String subject) {
        transaction.execute(tx -> outbox.enqueue(MailKind.ADMIN_NOTICE, "someone@example.com", subject, "Body"));
    }

    private List<DeliveryState> states() {
        return deliveries.recent(10).stream().map(OutboxMessage::state).toList();
    }

    /**
     * Two nodes: the held tenant's mail is claimed on one or both (each lets it have its share), every other
     * tenant's mail still goes at once, and no message is sent twice.
     */
    @Test
    void onTwoNodesAHeldTenantHoldsUpNoOneElseAndNothingIsSentTwice() throws Exception {
        try (var held = new HostilePeer(HostilePeer.Conduct.HOLDING_DATA, Duration.ZERO);
                var otherNode = new org.springframework.boot.builder.SpringApplicationBuilder(
                                dev.mailroom.Application.class)
                        .web(org.springframework.boot.WebApplicationType.SERVLET)
                        .run(
                                "--server.port=0",
                                "--server.address=127.0.0.1",
                                "--mailroom.demo.enabled=false",
                                "--vaadin.launch-browser=false",
                                "--mailroom.outbox.enabled=true",
                                "--mailroom.outbox.poll-interval=100ms",
                                "--mailroom.outbox.batch-size=2",
                                "--mailroom.mail.read-timeout=30s",
                                "--mailroom.mail.message-deadline=30s",
                                "--mailroom.egress.allow-loopback=true",
                                "--mailroom.egress.plaintext-auth-networks=127.0.0.0/8")) {
            var acme = fixtures.newUser(fixtures.newTenant("HeldTwo"), "Ada", Role.ADMIN);
            fixtures.signInAs(acme);
            sendThrough(held.port());
            for (int i = 0; i < 8; i++) {
                enqueue("Held " + i);
            }
            assertThat(held.awaitHolding(Duration.ofSeconds(20))).isTrue();

            var others = new java.util.ArrayList<dev.mailroom.users.User>();
            for (int t = 0; t < 3; t++) {
                var admin = fixtures.newUser(fixtures.newTenant("FreeTwo"), "Gil", Role.ADMIN);
                fixtures.signInAs(admin);
                settings.save(LoopbackSmtp.basic(greenMail.getSmtp().getPort(), USER, PASSWORD));
                for (int i = 0; i < 4; i++) {
                    enqueue("Free " + t + "." + i);
                }
                others.add(admin);
            }
            await("every other tenant's mail, while the held tenant's server still holds its conversations")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> greenMail.getReceivedMessages().length >= 12);
            assertThat(held.awaitHangUp(Duration.ZERO))
                    .as("the held conversations are still open")
                    .isFalse();
            held.release();
            fixtures.signInAs(acme);
            await("the held tenant's mail, once its server answers")
                    .atMost(Duration.ofSeconds(60))
                    .pollInSameThread()
                    .until(() -> states(), s -> s.size() == 8 && s.stream().allMatch(x -> x == DeliveryState.SENT));
            var ids = java.util.Arrays.stream(greenMail.getReceivedMessages())
                    .map(m -> {
                        try {
                            return m.getMessageID();
                        } catch (jakarta.mail.MessagingException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
            assertThat(ids)
                    .as("each message once, whichever node sent it")
                    .hasSize(12)
                    .doesNotHaveDuplicates();
        }
    }
}
