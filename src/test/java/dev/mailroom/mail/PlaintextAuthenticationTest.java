package dev.mailroom.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.MailTests;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.support.LoopbackSmtp;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Credentials never cross an unencrypted connection outside the operator's plaintext-authentication
 * networks. Here the operator allowed it for 127.0.0.2 only, so the plain GreenMail on 127.0.0.1 (allowed by
 * the egress policy, as loopback is in demo mode) must not see AUTH, on the test path and the outbox's alike.
 */
@MailroomTest
@TestPropertySource(properties = "mailroom.egress.plaintext-auth-networks=127.0.0.2/32")
class PlaintextAuthenticationTest {

    @RegisterExtension
    static GreenMailExtension greenMail = LoopbackSmtp.greenMail();

    @Autowired
    MailTests tests;

    @Autowired
    BatchDelivery conversations;

    @Autowired
    TestTenants fixtures;

    @BeforeEach
    void signIn() {
        fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Plaintext"), "Pia", Role.ADMIN));
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    @Test
    void aPasswordIsNotSentOverAnUnencryptedConnectionOutsideTheAllowedNetworks() {
        var report = tests.sendTestEmail(LoopbackSmtp.basic(greenMail), "pia@plaintext.example", Locale.ENGLISH);
        assertThat(report.failedStep()).hasValueSatisfying(step -> {
            assertThat(step.kind()).isEqualTo(StepKind.AUTH);
            assertThat(step.explanationKey()).isEqualTo("mail.explain.plaintext-auth");
        });
        assertThat(report.steps())
                .extracting(ConversationStep::kind)
                .as("not even connected")
                .doesNotContain(StepKind.TCP_CONNECT);
        assertThat(String.join("\n", report.transcript())).doesNotContain("AUTH");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void productMailWithAPasswordIsNotSentInClearEither() {
        var target = new SmtpTarget(
                UUID.randomUUID(),
                new SmtpServer(
                        "127.0.0.1", greenMail.getSmtp().getPort(), ConnectionSecurity.NONE, TlsVersion.TLS_1_2, null),
                new Sender("Mailroom", "noreply@mailroom.test"),
                new Credentials.Password(LoopbackSmtp.USER, dev.mailroom.secrets.Secret.of(LoopbackSmtp.PASSWORD)));
        var outcomes = conversations.deliver(
                target, List.of(new OutgoingMail("pia@plaintext.example", "Hello", "Body")), (sent, i) -> {});
        assertThat(outcomes)
                .singleElement()
                .isEqualTo(new DeliveryOutcome.Failed(
                        true,
                        "mail.explain.plaintext-auth",
                        "not connected: credentials would cross an unencrypted connection"));
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void withoutCredentialsAnUnencryptedConnectionIsStillFine() {
        var draft = SmtpSettingsDraft.builder()
                .host("127.0.0.1")
                .port(greenMail.getSmtp().getPort())
                .security(ConnectionSecurity.NONE)
                .senderAddress("noreply@mailroom.test")
                .authType(AuthType.NONE)
                .build();
        greenMail.setUser("pia@plaintext.example", "unused-password");
        var report = tests.sendTestEmail(draft, "pia@plaintext.example", Locale.ENGLISH);
        assertThat(report.succeeded()).as(report.toString()).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }
}
