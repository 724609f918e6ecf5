package dev.mailroom.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.CertificateTrust;
import dev.mailroom.smtp.MailTests;
import dev.mailroom.smtp.OAuthProvider;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatus;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestCertificates;
import dev.mailroom.support.TestSmtpServer;
import dev.mailroom.support.TestTenants;
import dev.mailroom.support.TestTokenEndpoint;
import dev.mailroom.users.Role;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.subethamail.smtp.auth.LoginAuthenticationHandlerFactory;

/** Test connection and Send test email against real SMTP servers on loopback; no protocol is mocked. */
@MailroomTest
class MailConversationTest {

    static final String USER = "mailer@example.com";
    static final String PASSWORD = "s3cret-pass-word";
    static final TestCertificates.Issued CA = TestCertificates.validCa("Mailroom Test CA");
    static final TestCertificates.Issued LOCALHOST = TestCertificates.server(CA, "localhost", "127.0.0.1");

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, USER, PASSWORD));

    @Autowired
    MailTests tests;

    @Autowired
    dev.mailroom.smtp.SmtpSettingsService settings;

    @Autowired
    MailStatusService status;

    @Autowired
    TestTenants fixtures;

    @BeforeEach
    void signIn() {
        fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Mail"), "Mia", Role.ADMIN));
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    static SmtpSettingsDraft.Builder basic(String host, int port, ConnectionSecurity security) {
        return SmtpSettingsDraft.builder()
                .host(host)
                .port(port)
                .security(security)
                .senderName("Łódź Kraków Surel")
                .senderAddress("noreply@example.com")
                .authType(AuthType.BASIC)
                .username(USER)
                .newPassword(PASSWORD);
    }

    static int greenMailPort() {
        return greenMail.getSmtp().getPort();
    }

    private static StepKind failedAt(ConversationReport report) {
        return report.failedStep()
                .orElseThrow(() -> new AssertionError("expected a failure: " + report))
                .kind();
    }

    private static String why(ConversationReport report) {
        return report.failedStep().orElseThrow().explanationKey();
    }

    @Test
    void aTestEmailArrivesWithTheRightSenderSubjectAndBody() throws Exception {
        var report = tests.sendTestEmail(
                basic("127.0.0.1", greenMailPort(), ConnectionSecurity.NONE).build(),
                "ada@acme.example",
                Locale.ENGLISH);
        assertThat(report.succeeded()).as(report.toString()).isTrue();
        MimeMessage[] arrived = greenMail.getReceivedMessages();
        assertThat(arrived).hasSize(1);
        assertThat(arrived[0].getFrom()[0].toString()).contains("noreply@example.com");
        assertThat(((jakarta.mail.internet.InternetAddress) arrived[0].getFrom()[0]).getPersonal())
                .isEqualTo("Łódź Kraków Surel");
        assertThat(arrived[0].getSubject()).isEqualTo("Mailroom mail test");
        assertThat(((String) arrived[0].getContent()).strip()).isEqualTo("Mailroom mail is working!");
        assertThat(arrived[0].getMessageID()).as("the sender's domain").endsWith("@example.com>");
    }

    @Test
    void aDisplayNameThatLooksLikeAnEncodedWordIsShownAsTyped() throws Exception {
        for (String typed : List.of(
                "=?UTF-8?B?SGk=?=",
                "Support =?ISO-8859-1?Q?Andr=E9?= Team",
                "=?UTF-8?Q?" + "x".repeat(80) + "?= Łódź")) {
            var report = tests.sendTestEmail(
                    basic("127.0.0.1", greenMailPort(), ConnectionSecurity.NONE)
                            .senderName(typed)
                            .build(),
                    "ada@acme.example",
                    Locale.ENGLISH);
            assertThat(report.succeeded()).as(report.toString()).isTrue();
            var arrived = greenMail.getReceivedMessages();
            var from = (jakarta.mail.internet.InternetAddress)
                    arrived[arrived.length - 1].getFrom()[0];
            assertThat(from.getPersonal())
                    .as("what a mail program shows for " + typed)
                    .isEqualTo(typed);
            assertThat(from.getAddress()).isEqualTo("noreply@example.com");
        }
    }

    @Test
    void theTestEmailSpeaksTheAdminsLanguage() throws Exception {
        tests.sendTestEmail(
                basic("127.0.0.1", greenMailPort(), ConnectionSecurity.NONE).build(), "x@example.com", Locale.of("id"));
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("Email uji coba Mailroom");
    }

    @Test
    void aConnectionTestReportsEveryStepWithItsTimeAndNoSecret() {
        var report = tests.testConnection(
                basic("127.0.0.1", greenMailPort(), ConnectionSecurity.NONE).build());
        assertThat(report.succeeded()).isTrue();
        assertThat(report.steps())
                .extracting(ConversationStep::kind)
                .containsExactly(StepKind.RESOLVE, StepKind.TCP_CONNECT, StepKind.EHLO, StepKind.AUTH, StepKind.QUIT);
        assertThat(report.steps().get(2).detail()).contains("AUTH", "PLAIN");
        assertThat(report.steps().get(3).detail()).isEqualTo("PLAIN as " + USER);
        assertThat(report.steps()).allSatisfy(s -> assertThat(s.took()).isNotNull());
        assertThat(String.join("\n", report.transcript()))
                .contains("C: EHLO mailroom.invalid", "S: 250", "Mailroom: connecting to 127.0.0.1")
                .as("the dialogue, not the mail library's debug lines")
                .doesNotContain("DEBUG", "jakarta.mail.")
                .doesNotContain(PASSWORD);
        assertThat(greenMail.getReceivedMessages()).as("a test sends nothing").isEmpty();
    }

    @Test
    void aWrongPasswordFailsAtAuthenticationAndMarksTheTenantsMailAsBroken() {
        var report = tests.testConnection(basic("127.0.0.1", greenMailPort(), ConnectionSecurity.NONE)
                .newPassword("wrong-password")
                .build());
        assertThat(failedAt(report)).isEqualTo(StepKind.AUTH);
        assertThat(why(report)).isEqualTo("mail.explain.bad-credentials");
        assertThat(status.current()).map(MailStatus::level).hasValue(MailHealth.ERROR);

        assertThat(tests.testConnection(basic("127.0.0.1", greenMailPort(), ConnectionSecurity.NONE)
                                .build())
                        .succeeded())
                .isTrue();
        assertThat(status.current()).map(MailStatus::level).hasValue(MailHealth.OK);
    }

    @Test
    void aRefusedPortFailsAtTcpConnect() throws Exception {
        int closed = dev.mailroom.support.Ports.unusedLoopbackPort();
        var report = tests.testConnection(
                basic("127.0.0.1", closed, ConnectionSecurity.NONE).build());
        assertThat(failedAt(report)).isEqualTo(StepKind.TCP_CONNECT);
        assertThat(why(report)).isEqualTo("mail.explain.no-connection");
    }

    @Test
    void aPortThatAcceptsButNeverGreetsTimesOut() throws Exception {
        try (var silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            var report = tests.testConnection(basic("127.0.0.1", silent.getLocalPort(), ConnectionSecurity.STARTTLS)
                    .build());
            assertThat(report.succeeded()).isFalse();
            assertThat(why(report)).isEqualTo("mail.explain.timeout");
            assertThat(failedAt(report)).as("connected, never greeted").isEqualTo(StepKind.EHLO);
            assertThat(report.steps())
                    .extracting(ConversationStep::kind)
                    .as("each step once, passed or failed")
                    .doesNotHaveDuplicates()
                    .startsWith(StepKind.RESOLVE, StepKind.TCP_CONNECT);
        }
    }

    @Test
    void credentialsWithAServerThatOffersNoAuthNeverSendUnauthenticated() {
        try (var noAuth = TestSmtpServer.builder().start()) {
            var report = tests.sendTestEmail(
                    basic("127.0.0.1", noAuth.port(), ConnectionSecurity.NONE).build(),
                    "x@example.com",
                    Locale.ENGLISH);
            assertThat(failedAt(report)).isEqualTo(StepKind.AUTH);
            assertThat(why(report)).isEqualTo("mail.explain.no-auth-offered");
            assertThat(noAuth.received()).isEmpty();
        }
    }

    @Test
    void starttlsWithAnUploadedCaAndAuthPlainWorks() {
        try (var server = TestSmtpServer.builder()
                .startTls(TestCertificates.serverContext(LOCALHOST, CA))
                .user(USER, PASSWORD)
                .start()) {
            var report = tests.sendTestEmail(
                    basic("localhost", server.port(), ConnectionSecurity.STARTTLS)
                            .trust(CertificateTrust.CUSTOM)
                            .newCaPem(CA.pem())
                            .build(),
                    "x@example.com",
                    Locale.ENGLISH);
            assertThat(report.succeeded())
                    .as(String.join("\n", report.transcript()))
                    .isTrue();
            var tls = report.steps().stream()
                    .filter(s -> s.kind() == StepKind.TLS_HANDSHAKE)
                    .findFirst()
                    .orElseThrow();
            assertThat(tls.detail()).contains("TLSv1.3", "CN=localhost", "host name verified");
            // Heard from the JDK on a thread of its own, which may not have run yet when the conversation ends.
            assertThat(tls.took()).as("the handshake's time").isNotNull().isPositive();
            assertThat(server.received())
                    .singleElement()
                    .satisfies(m -> assertThat(m.data()).contains("Mailroom mail is working!"));
        }
    }

    @Test
    void starttlsWithTheDefaultTrustRefusesAnUnknownAuthority() {
        try (var server = TestSmtpServer.builder()
                .startTls(TestCertificates.serverContext(LOCALHOST, CA))
                .user(USER, PASSWORD)
                .start()) {
            var report = tests.testConnection(basic("localhost", server.port(), ConnectionSecurity.STARTTLS)
                    .build());
            assertThat(failedAt(report)).isEqualTo(StepKind.TLS_HANDSHAKE);
            assertThat(why(report)).isEqualTo("mail.explain.untrusted");
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenFromATrustedAuthority() {
        var other = TestCertificates.server(CA, "mail.other.test");
        try (var server = TestSmtpServer.builder()
                .startTls(TestCertificates.serverContext(other, CA))
                .user(USER, PASSWORD)
                .start()) {
            var report = tests.testConnection(basic("localhost", server.port(), ConnectionSecurity.STARTTLS)
                    .trust(CertificateTrust.CUSTOM)
                    .newCaPem(CA.pem())
                    .build());
            assertThat(why(report)).isEqualTo("mail.explain.host-mismatch");
        }
    }

    @Test
    void starttlsRequiredButNotOfferedFailsAndNeverFallsBackToPlainText() {
        try (var plain = TestSmtpServer.builder().user(USER, PASSWORD).start()) {
            var report = tests.sendTestEmail(
                    basic("127.0.0.1", plain.port(), ConnectionSecurity.STARTTLS)
                            .build(),
                    "x@example.com",
                    Locale.ENGLISH);
            assertThat(failedAt(report)).isEqualTo(StepKind.TLS_HANDSHAKE);
            assertThat(why(report)).isEqualTo("mail.explain.no-starttls");
            assertThat(plain.received()).isEmpty();
        }
    }

    @Test
    void aTls13MinimumRefusesAServerThatOnlySpeaksTls12() {
        try (var server = TestSmtpServer.builder()
                .startTls(TestCertificates.serverContext(LOCALHOST, CA))
                .protocols("TLSv1.2")
                .user(USER, PASSWORD)
                .start()) {
            var draft = basic("localhost", server.port(), ConnectionSecurity.STARTTLS)
                    .trust(CertificateTrust.CUSTOM)
                    .newCaPem(CA.pem());
            assertThat(tests.testConnection(draft.build()).succeeded())
                    .as("TLS 1.2 minimum accepts TLS 1.2")
                    .isTrue();
            var report = tests.testConnection(draft.minTls(TlsVersion.TLS_1_3).build());
            assertThat(why(report)).isEqualTo("mail.explain.tls-version");
        }
    }

    @Test
    void implicitTlsOnAPlainPortIsExplained() {
        var report = tests.testConnection(
                basic("127.0.0.1", greenMailPort(), ConnectionSecurity.SSL_TLS).build());
        assertThat(failedAt(report)).isEqualTo(StepKind.TLS_HANDSHAKE);
        assertThat(why(report)).isEqualTo("mail.explain.plain-on-tls");
    }

    @Test
    void implicitTlsWithAnUploadedCaWorks() {
        try (var server = TestSmtpServer.builder()
                .implicitTls(TestCertificates.serverContext(LOCALHOST, CA))
                .user(USER, PASSWORD)
                .start()) {
            var report = tests.testConnection(basic("localhost", server.port(), ConnectionSecurity.SSL_TLS)
                    .trust(CertificateTrust.CUSTOM)
                    .newCaPem(CA.pem())
                    .build());
            assertThat(report.succeeded())
                    .as(String.join("\n", report.transcript()))
                    .isTrue();
            assertThat(report.steps())
                    .extracting(ConversationStep::kind)
                    .startsWith(
                            StepKind.RESOLVE,
                            StepKind.TCP_CONNECT,
                            StepKind.TLS_HANDSHAKE,
                            StepKind.EHLO,
                            StepKind.AUTH);
        }
    }

    @Test
    void aTestTakesOneConnectionNotAProbeAndThenAnother() {
        // A bare TCP probe before the real session shows in a server's log as a client that left without a word.
        try (var server = TestSmtpServer.builder()
                .startTls(TestCertificates.serverContext(LOCALHOST, CA))
                .user(USER, PASSWORD)
                .start()) {
            var report = tests.testConnection(basic("localhost", server.port(), ConnectionSecurity.STARTTLS)
                    .trust(CertificateTrust.CUSTOM)
                    .newCaPem(CA.pem())
                    .build());
            assertThat(report.succeeded())
                    .as(String.join("\n", report.transcript()))
                    .isTrue();
            assertThat(report.steps())
                    .filteredOn(s -> s.kind() == StepKind.TCP_CONNECT)
                    .singleElement()
                    .satisfies(step -> assertThat(step.took()).isNotNull());
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void aServerOfferingOnlyLoginGetsAuthLogin() {
        try (var server = TestSmtpServer.builder()
                .startTls(TestCertificates.serverContext(LOCALHOST, CA))
                .user(USER, PASSWORD)
                .auth(new LoginAuthenticationHandlerFactory((u, p, c) -> {
                    if (!u.equals(USER) || !p.equals(PASSWORD)) {
                        throw new org.subethamail.smtp.auth.LoginFailedException();
                    }
                }))
                .start()) {
            var report = tests.testConnection(basic("localhost", server.port(), ConnectionSecurity.STARTTLS)
                    .trust(CertificateTrust.CUSTOM)
                    .newCaPem(CA.pem())
                    .build());
            assertThat(report.succeeded())
                    .as(String.join("\n", report.transcript()))
                    .isTrue();
            assertThat(report.steps()).anySatisfy(s -> assertThat(s.detail()).isEqualTo("LOGIN as " + USER));
        }
    }

    @Test
    void xoauth2SendsWithATokenThatIsFetchedOnceAndReused() throws Exception {
        String token = "access-token-" + System.nanoTime();
        greenMail.setUser("oauth@example.com", "oauth@example.com", token);
        try (var endpoint = new TestTokenEndpoint("mailroom-client", "client-secret-1", token, 3600)) {
            var draft = SmtpSettingsDraft.builder()
                    .host("127.0.0.1")
                    .port(greenMailPort())
                    .security(ConnectionSecurity.NONE)
                    .senderAddress("oauth@example.com")
                    .authType(AuthType.OAUTH2)
                    .username("oauth@example.com")
                    .oauthProvider(OAuthProvider.OTHER)
                    .oauthTokenUrl(endpoint.url())
                    .oauthClientId("mailroom-client")
                    .oauthScope("smtp.send")
                    .newClientSecret("client-secret-1")
                    .build();
            for (int i = 0; i < 3; i++) {
                var report = tests.sendTestEmail(draft, "x@example.com", Locale.ENGLISH);
                assertThat(report.succeeded())
                        .as(String.join("\n", report.transcript()))
                        .isTrue();
                assertThat(String.join("\n", report.transcript())).doesNotContain(token, "client-secret-1");
            }
            assertThat(endpoint.requests()).isEqualTo(1);
            assertThat(greenMail.getReceivedMessages()).hasSize(3);
        }
    }

    @Test
    void aBadClientSecretIsExplainedAsInvalidClient() throws Exception {
        try (var endpoint = new TestTokenEndpoint("mailroom-client", "the-right-secret", "tok", 3600)) {
            var report = tests.testConnection(SmtpSettingsDraft.builder()
                    .host("127.0.0.1")
                    .port(greenMailPort())
                    .security(ConnectionSecurity.NONE)
                    .senderAddress("oauth@example.com")
                    .authType(AuthType.OAUTH2)
                    .username("oauth@example.com")
                    .oauthProvider(OAuthProvider.OTHER)
                    .oauthTokenUrl(endpoint.url())
                    .oauthClientId("mailroom-client")
                    .oauthScope("smtp.send")
                    .newClientSecret("a-wrong-secret")
                    .build());
            assertThat(failedAt(report)).isEqualTo(StepKind.TOKEN);
            assertThat(why(report)).isEqualTo("mail.explain.invalid-client.url");
        }
    }

    @Test
    void aTokenEndpointThatIsDownFailsAtTheTokenStep() throws Exception {
        int closed = dev.mailroom.support.Ports.unusedLoopbackPort();
        var report = tests.testConnection(SmtpSettingsDraft.builder()
                .host("127.0.0.1")
                .port(greenMailPort())
                .security(ConnectionSecurity.NONE)
                .senderAddress("oauth@example.com")
                .authType(AuthType.OAUTH2)
                .username("oauth@example.com")
                .oauthProvider(OAuthProvider.OTHER)
                .oauthTokenUrl("http://127.0.0.1:" + closed + "/token")
                .oauthClientId("c")
                .oauthScope("s")
                .newClientSecret("secret")
                .build());
        assertThat(failedAt(report)).isEqualTo(StepKind.TOKEN);
        assertThat(why(report)).isEqualTo("mail.explain.token-unreachable.url");
    }

    @Test
    void starttlsSpokenToAnImplicitTlsPortGetsNoGreetingAndTimesOut() {
        try (var server = TestSmtpServer.builder()
                .implicitTls(TestCertificates.serverContext(LOCALHOST, CA))
                .user(USER, PASSWORD)
                .start()) {
            var report = tests.testConnection(basic("localhost", server.port(), ConnectionSecurity.STARTTLS)
                    .trust(CertificateTrust.CUSTOM)
                    .newCaPem(CA.pem())
                    .build());
            assertThat(report.succeeded()).isFalse();
            assertThat(why(report)).isEqualTo("mail.explain.timeout");
        }
    }

    private static SmtpSettingsDraft.Builder oauthDraft(TestTokenEndpoint endpoint) {
        return SmtpSettingsDraft.builder()
                .host("127.0.0.1")
                .port(greenMailPort())
                .security(ConnectionSecurity.NONE)
                .senderAddress("oauth@example.com")
                .authType(AuthType.OAUTH2)
                .username("oauth@example.com")
                .oauthProvider(OAuthProvider.OTHER)
                .oauthTokenUrl(endpoint.url())
                .oauthClientId("mailroom-client")
                .oauthScope("smtp.send")
                .newClientSecret("client-secret-1");
    }

    @Test
    void aCachedTokenTheServerRefusesIsDroppedAndFetchedOnceMore() throws Exception {
        greenMail.setUser("oauth@example.com", "oauth@example.com", "first-token");
        try (var endpoint = new TestTokenEndpoint("mailroom-client", "client-secret-1", "first-token", 3600)) {
            assertThat(tests.testConnection(oauthDraft(endpoint).build()).succeeded())
                    .isTrue();
            // The provider rotates: the cached token is no longer accepted by the mail server.
            endpoint.issue("second-token");
            greenMail.setUser("oauth@example.com", "oauth@example.com", "second-token");
            var report = tests.testConnection(oauthDraft(endpoint).build());
            assertThat(report.succeeded())
                    .as(String.join("\n", report.transcript()))
                    .isTrue();
            assertThat(String.join("\n", report.transcript())).contains("refused the cached token");
            assertThat(endpoint.requests()).isEqualTo(2);
        }
    }

    @Test
    void savingTheSettingsClearsTheCachedToken() throws Exception {
        greenMail.setUser("oauth@example.com", "oauth@example.com", "a-token");
        try (var endpoint = new TestTokenEndpoint("mailroom-client", "client-secret-1", "a-token", 3600)) {
            tests.testConnection(oauthDraft(endpoint).build());
            tests.testConnection(oauthDraft(endpoint).build());
            assertThat(endpoint.requests())
                    .as("second test uses the cached token")
                    .isEqualTo(1);
            settings.save(oauthDraft(endpoint).build());
            assertThat(endpoint.requests())
                    .as("Save asks the token endpoint itself")
                    .isEqualTo(2);
            tests.testConnection(oauthDraft(endpoint).build());
            assertThat(endpoint.requests())
                    .as("the cache was cleared by the save")
                    .isEqualTo(3);
        }
    }

    @Test
    void aRecipientThatIsNotOneAddressIsRefusedBeforeAnythingConnectsAndLeavesTheStatusAlone() {
        var draft = basic("127.0.0.1", greenMailPort(), ConnectionSecurity.NONE).build();
        for (String bad : new String[] {
            "not an address", "a@example.com, b@example.com", "x@example.com\r\nBcc: y@example.com", " "
        }) {
            var e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    dev.mailroom.smtp.InvalidSmtpSettingsException.class,
                    () -> tests.sendTestEmail(draft, bad, Locale.ENGLISH));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.problems())
                    .extracting(dev.mailroom.smtp.FieldProblem::field)
                    .containsExactly(dev.mailroom.smtp.SmtpField.TEST_RECIPIENT);
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(status.current()).isEmpty();
    }
}
