package dev.mailroom.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.CertificateTrust;
import dev.mailroom.smtp.MailTests;
import dev.mailroom.smtp.OAuthProvider;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.status.MailStatus;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.ScriptedResolver;
import dev.mailroom.support.TestCertificates;
import dev.mailroom.support.TestSmtpServer;
import dev.mailroom.support.TestTenants;
import dev.mailroom.support.TestTokenEndpoint;
import dev.mailroom.users.Role;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The egress policy on the real paths (Test connection, Send test email, OAuth 2.0 token on Save), as a
 * production deployment has it: no loopback, except that the operator allowed 127.0.0.1 (where the test
 * servers listen) as if it were a private relay. Names are answered by a resolver the test scripts.
 */
@MailroomTest
@TestPropertySource(
        properties = {"mailroom.egress.allow-loopback=false", "mailroom.egress.allowed-networks=127.0.0.1/32"})
@Import(EgressEnforcementTest.Dns.class)
class EgressEnforcementTest {

    @TestConfiguration
    static class Dns {
        @Bean
        @Primary
        ScriptedResolver scriptedResolver() {
            return new ScriptedResolver();
        }
    }

    static final String USER = "mailer@example.com";
    static final String PASSWORD = "s3cret-pass-word";
    static final TestCertificates.Issued CA = TestCertificates.validCa("Egress Test CA");

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, USER, PASSWORD));

    @Autowired
    MailTests tests;

    @Autowired
    dev.mailroom.smtp.DraftTargets draftTargets;

    @Autowired
    BatchDelivery delivery;

    @MockitoSpyBean
    SmtpTransport transport;

    @Autowired
    SmtpSettingsService settings;

    @Autowired
    MailStatusService status;

    @Autowired
    TestTenants fixtures;

    @Autowired
    ScriptedResolver dns;

    @Autowired
    dev.mailroom.oauth.ClientCredentialsClient tokenClient;

    @BeforeEach
    void signIn() {
        fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Egress"), "Eve", Role.ADMIN));
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private static SmtpSettingsDraft.Builder basic(String host, int port) {
        return SmtpSettingsDraft.builder()
                .host(host)
                .port(port)
                .security(ConnectionSecurity.NONE)
                .senderAddress("noreply@example.com")
                .authType(AuthType.BASIC)
                .username(USER)
                .newPassword(PASSWORD);
    }

    private static List<StepKind> steps(ConversationReport report) {
        return report.steps().stream().map(ConversationStep::kind).toList();
    }

    @Test
    void anAddressOutsideThePolicyIsNeverConnectedToAndTheAdminIsToldWhy() {
        // 127.0.0.2 is loopback like the allowed 127.0.0.1, but not in the operator's network.
        var report = tests.testConnection(
                basic("127.0.0.2", greenMail.getSmtp().getPort()).build());
        assertThat(report.failedStep()).hasValueSatisfying(step -> {
            assertThat(step.kind()).isEqualTo(StepKind.RESOLVE);
            assertThat(step.explanationKey()).isEqualTo("mail.explain.egress-refused");
            assertThat(step.detail()).doesNotContain("127.0.0.2");
        });
        assertThat(steps(report)).doesNotContain(StepKind.TCP_CONNECT);
        assertThat(status.current()).map(MailStatus::reasonKey).hasValue("mail.explain.egress-refused");
    }

    @Test
    void theOutboxAndTestConnectionRefuseTheSameTargetForTheSameReasonThroughOneConnect() throws Exception {
        var draft = basic("127.0.0.2", greenMail.getSmtp().getPort()).build();
        var target = draftTargets.custom(draft);

        var report = tests.testConnection(draft);
        var outcomes = delivery.deliver(
                target, List.of(new OutgoingMail("pia@example.com", "Hello", "Body")), (sent, i) -> {});

        assertThat(report.failedStep()).hasValueSatisfying(step -> {
            assertThat(step.kind()).isEqualTo(StepKind.RESOLVE);
            assertThat(outcomes)
                    .singleElement()
                    .isEqualTo(new DeliveryOutcome.Failed(true, step.explanationKey(), step.detail()));
        });
        verify(transport, times(2)).connect(eq(target), any(ConnectionObserver.class));
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aNameWithOneInternalAddressAmongPublicOnesIsRefused() {
        dns.answer("mixed.mail.test", List.of("127.0.0.1", "10.1.2.3"));
        var report = tests.sendTestEmail(
                basic("mixed.mail.test", greenMail.getSmtp().getPort()).build(), USER, Locale.ENGLISH);
        assertThat(report.failedStep()).map(ConversationStep::explanationKey).hasValue("mail.explain.egress-refused");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void theAddressThatWasCheckedIsTheOneConnectedToEvenIfTheNameChangesItsAnswer() throws Exception {
        // DNS rebinding: first an allowed address, then an internal one. Only one question may be asked.
        dns.answer("rebind.mail.test", List.of("127.0.0.1"), List.of("10.0.0.25"));
        var report = tests.sendTestEmail(
                basic("rebind.mail.test", greenMail.getSmtp().getPort()).build(), USER, Locale.ENGLISH);
        assertThat(report.succeeded()).as(report.toString()).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(dns.questions("rebind.mail.test")).isEqualTo(1);
        assertThat(String.join("\n", report.transcript())).contains("127.0.0.1");
    }

    @Test
    void tlsOverThePinnedAddressStillVerifiesTheHostName() {
        var issued = TestCertificates.server(CA, "mail.pinned.test");
        dns.answer("mail.pinned.test", List.of("127.0.0.1"));
        dns.answer("alias.pinned.test", List.of("127.0.0.1"));
        try (var server = TestSmtpServer.builder()
                .startTls(TestCertificates.serverContext(issued, CA))
                .user(USER, PASSWORD)
                .start()) {
            var right = tests.testConnection(basic("mail.pinned.test", server.port())
                    .security(ConnectionSecurity.STARTTLS)
                    .trust(CertificateTrust.CUSTOM)
                    .newCaPem(CA.pem())
                    .build());
            assertThat(right.succeeded()).as(right.toString()).isTrue();
            assertThat(right.steps()).anySatisfy(step -> {
                assertThat(step.kind()).isEqualTo(StepKind.TLS_HANDSHAKE);
                assertThat(step.detail()).contains("host name verified");
            });

            // Same address, a name the certificate is not for: refused by the handshake.
            var wrong = tests.testConnection(basic("alias.pinned.test", server.port())
                    .security(ConnectionSecurity.STARTTLS)
                    .trust(CertificateTrust.CUSTOM)
                    .newCaPem(CA.pem())
                    .build());
            assertThat(wrong.failedStep()).map(ConversationStep::explanationKey).hasValue("mail.explain.host-mismatch");
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void theTokenRequestGoesToTheAddressThatWasCheckedEvenIfTheNameChangesItsAnswer() throws Exception {
        try (var endpoint = new TestTokenEndpoint("client", "client-secret", "pinned-token", 3600)) {
            // DNS rebinding against the token request: first the allowed address, then an internal one. The
            // system resolver knows neither name, so any second lookup fails the request.
            dns.answer("token.rebind.test", List.of("127.0.0.1"), List.of("10.0.0.25"));
            var credentials = new dev.mailroom.oauth.ClientCredentials(
                    new dev.mailroom.oauth.TokenEndpoint.Url(endpoint.url().replace("127.0.0.1", "token.rebind.test")),
                    "client",
                    dev.mailroom.secrets.Secret.of("client-secret"),
                    "smtp");
            assertThat(tokenClient.obtain(credentials).value()).isEqualTo("pinned-token");
            assertThat(endpoint.requests()).isEqualTo(1);
            assertThat(dns.questions("token.rebind.test"))
                    .as("one lookup: the egress check's")
                    .isEqualTo(1);
        }
    }

    @Test
    void aTokenUrlThatResolvesInsideIsNeverAskedOnTestOrSave() throws Exception {
        try (var endpoint = new TestTokenEndpoint("client", "client-secret", "token", 3600)) {
            // The HTTP client would find the endpoint at localhost (127.0.0.1); the policy's answer for the
            // name is an internal address, so the request must never be made.
            dns.answer("localhost", List.of("10.0.0.80"));
            var draft = SmtpSettingsDraft.builder()
                    .host("127.0.0.1")
                    .port(greenMail.getSmtp().getPort())
                    .security(ConnectionSecurity.NONE)
                    .senderAddress(USER)
                    .authType(AuthType.OAUTH2)
                    .username(USER)
                    .oauthProvider(OAuthProvider.OTHER)
                    .oauthTokenUrl(endpoint.url().replace("127.0.0.1", "localhost"))
                    .oauthClientId("client")
                    .oauthScope("smtp")
                    .newClientSecret("client-secret");

            var report = tests.testConnection(draft.build());
            assertThat(report.failedStep()).hasValueSatisfying(step -> {
                assertThat(step.kind()).isEqualTo(StepKind.TOKEN);
                assertThat(step.explanationKey()).isEqualTo("mail.explain.egress-refused");
            });
            var saved = settings.save(draft.build());
            assertThat(saved.valid()).isFalse();
            assertThat(saved.invalidReason()).isEqualTo("egress_refused");
            assertThat(endpoint.requests()).isZero();
        }
    }
}
