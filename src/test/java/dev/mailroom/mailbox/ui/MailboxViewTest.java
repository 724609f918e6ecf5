package dev.mailroom.mailbox.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Pre;
import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mailbox.Mailbox;
import dev.mailroom.mailbox.MailboxEntry;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.CertificateTrust;
import dev.mailroom.smtp.MailTests;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import dev.mailroom.users.User;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The built-in demo mailbox as a product owner meets it: mail sent to it over STARTTLS with AUTH shows on
 * the Mailbox page of the recipient's tenant, and only there.
 */
@MailroomTest
class MailboxViewTest extends SpringBrowserlessTest {

    @Autowired
    TestTenants fixtures;

    @Autowired
    Mailbox mailbox;

    @Autowired
    MailTests mailTests;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private MailboxView openMailbox() {
        UI.getCurrent().navigate("");
        return navigate(MailboxView.class);
    }

    @Test
    void aTestEmailSentWithStartTlsAndAuthShowsInTheMailboxView() {
        var admin = fixtures.newUser(fixtures.newTenant("Demo"), "Dana", Role.ADMIN);
        fixtures.signInAs(admin);
        var access = mailbox.access();
        // Custom settings exactly as the Mailbox page describes them.
        var draft = SmtpSettingsDraft.builder()
                .host(access.host())
                .port(access.port())
                .security(ConnectionSecurity.STARTTLS)
                .trust(CertificateTrust.CUSTOM)
                .newCaPem(access.caPem())
                .senderName("Demo Sender")
                .senderAddress("noreply@demo.example")
                .authType(AuthType.BASIC)
                .username(access.username())
                .newPassword(access.password())
                .build();

        var report = mailTests.sendTestEmail(draft, admin.email(), Locale.ENGLISH);

        assertThat(report.succeeded())
                .as(String.join("\n", report.transcript()))
                .isTrue();
        var view = openMailbox();
        var rows = test(view.grid).size();
        assertThat(rows).isEqualTo(1);
        MailboxEntry entry = test(view.grid).getRow(0);
        assertThat(entry.to()).isEqualTo(admin.email());
        assertThat(entry.from()).isEqualTo("Demo Sender <noreply@demo.example>");
        assertThat(entry.subject()).isEqualTo("Mailroom mail test");
        assertThat(test(view.grid).getCellText(0, 4)).isEqualTo("PLAIN as mailbox");
        assertThat(test(view.grid).getCellText(0, 5)).isEqualTo("TLSv1.3");

        test(view.grid).clickRow(0);
        assertThat(view.opened).isNotNull();
        assertThat(view.opened.isOpened()).isTrue();
        assertThat($(Pre.class).id("mailbox-message-text").getText()).contains("Mailroom");
        assertThat($(Pre.class).id("mailbox-message-headers").getText()).contains("Subject: Mailroom mail test");
    }

    @Test
    void mailIsFiledUnderTheRecipientsTenantAndUnknownRecipientsAreRefused() throws Exception {
        User mine = fixtures.newUser(fixtures.newTenant("Mine"), "Mia", Role.ADMIN);
        User theirs = fixtures.newUser(fixtures.newTenant("Theirs"), "Theo", Role.ADMIN);
        fixtures.signInAs(mine);
        var access = mailbox.access();

        send(access.username(), access.password(), theirs.email(), "For Theirs only");
        assertThatThrownBy(() -> send(access.username(), access.password(), "nobody@nowhere.example", "Lost"))
                .isInstanceOf(SendFailedException.class)
                .satisfies(e ->
                        assertThat(((SendFailedException) e).getNextException()).hasMessageStartingWith("550 5.1.1"));
        assertThatThrownBy(() -> send(access.username(), "wrong", mine.email(), "Forged"))
                .isInstanceOf(AuthenticationFailedException.class);

        assertThat(test(openMailbox().grid).size()).as("nothing for Mine").isZero();
        assertThat(mailbox.recent(10)).isEmpty();

        fixtures.signInAs(theirs);
        var entries = mailbox.recent(10);
        assertThat(entries).extracting(MailboxEntry::subject).containsExactly("For Theirs only");
        assertThat(entries.getFirst().authMechanism()).isEqualTo("LOGIN");
        assertThat(mailbox.open(entries.getFirst().id())).isPresent();
        fixtures.signInAs(mine);
        assertThat(mailbox.open(entries.getFirst().id()))
                .as("another tenant's message, by id")
                .isEmpty();
    }

    /** A plain Angus client, STARTTLS required, AUTH LOGIN only, trusting the demo CA. */
    private void send(String user, String password, String to, String subject) throws Exception {
        var access = mailbox.access();
        var trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(
                "demo-ca",
                java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(new java.io.ByteArrayInputStream(
                                access.caPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        var managers =
                javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        managers.init(trust);
        var tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, managers.getTrustManagers(), null);
        var props = new Properties();
        props.put("mail.smtp.host", access.host());
        props.put("mail.smtp.port", String.valueOf(access.port()));
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.auth.mechanisms", "LOGIN");
        props.put("mail.smtp.ssl.socketFactory", tls.getSocketFactory());
        props.put("mail.smtp.timeout", "5000");
        var session = Session.getInstance(props);
        var message = new MimeMessage(session);
        message.setFrom(new InternetAddress("sender@demo.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("Hello");
        Transport.send(message, user, password);
    }
}
