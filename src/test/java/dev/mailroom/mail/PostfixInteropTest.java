package dev.mailroom.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.CertificateTrust;
import dev.mailroom.smtp.MailTests;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Interoperability with a real Postfix (STARTTLS, Cyrus SASL PLAIN/LOGIN) that `.ci/postfix-setup` runs on
 * 127.0.0.1:2587. Skipped with a message where that setup has not run.
 */
@MailroomTest
class PostfixInteropTest {

    static final Path DIR = Path.of("/var/lib/mailroom-postfix");
    static Properties postfix;
    static String ca;

    @BeforeAll
    static void postfixIsThere() throws IOException {
        boolean present = Files.isReadable(DIR.resolve("credentials")) && Files.isReadable(DIR.resolve("ca.pem"));
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(
                    present, "No local Postfix: run `sudo .ci/postfix-setup` (CI does) to include this test");
        }
        postfix = new Properties();
        postfix.load(new StringReader(Files.readString(DIR.resolve("credentials"))));
        ca = Files.readString(DIR.resolve("ca.pem"));
    }

    @Autowired
    MailTests tests;

    @Autowired
    TestTenants fixtures;

    @BeforeEach
    void signIn() {
        fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Postfix"), "Pat", Role.ADMIN));
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private SmtpSettingsDraft.Builder draft(ConnectionSecurity security, String password) {
        return SmtpSettingsDraft.builder()
                .host("localhost")
                .port(Integer.parseInt(postfix.getProperty("port")))
                .security(security)
                .trust(CertificateTrust.CUSTOM)
                .newCaPem(ca)
                .senderName("Mailroom")
                .senderAddress("mailer@mailroom.test")
                .authType(AuthType.BASIC)
                .username(postfix.getProperty("user"))
                .newPassword(password);
    }

    @Test
    void aTestEmailIsAcceptedOverStartTlsWithAuth() {
        var report = tests.sendTestEmail(
                draft(ConnectionSecurity.STARTTLS, postfix.getProperty("password"))
                        .build(),
                "someone@example.com",
                Locale.ENGLISH);
        assertThat(report.succeeded())
                .as(String.join("\n", report.transcript()))
                .isTrue();
        assertThat(report.steps())
                .extracting(ConversationStep::kind)
                .contains(StepKind.TLS_HANDSHAKE, StepKind.AUTH, StepKind.SEND);
        assertThat(report.steps())
                .filteredOn(s -> s.kind() == StepKind.SEND)
                .singleElement()
                .satisfies(s -> assertThat(s.detail()).startsWith("250"));
    }

    @Test
    void aWrongPasswordIsRefusedWith535() {
        var report = tests.testConnection(
                draft(ConnectionSecurity.STARTTLS, "not-the-password").build());
        assertThat(report.failedStep()).get().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(StepKind.AUTH);
            assertThat(s.explanationKey()).isEqualTo("mail.explain.bad-credentials");
        });
    }

    @Test
    void withoutTlsPostfixOffersNoAuthAndMailroomDoesNotSendUnauthenticated() {
        var report = tests.sendTestEmail(
                draft(ConnectionSecurity.NONE, postfix.getProperty("password"))
                        .trust(CertificateTrust.DEFAULT)
                        .build(),
                "someone@example.com",
                Locale.ENGLISH);
        assertThat(report.failedStep()).get().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(StepKind.AUTH);
            assertThat(s.explanationKey()).isEqualTo("mail.explain.no-auth-offered");
        });
    }
}
