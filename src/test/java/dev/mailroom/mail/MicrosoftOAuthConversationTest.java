package dev.mailroom.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.MailTests;
import dev.mailroom.smtp.OAuthProvider;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestSmtpServer;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.net.InetAddress;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Microsoft provider, with the Entra authority pointed at a real OAuth 2.0 server on loopback
 * (mock-oauth2-server): the token URL follows from the directory id exactly as it does in production.
 */
@MailroomTest
class MicrosoftOAuthConversationTest {

    static final MockOAuth2Server entra = new MockOAuth2Server();

    @DynamicPropertySource
    static void authority(DynamicPropertyRegistry registry) throws Exception {
        entra.start(InetAddress.getByName("127.0.0.1"), 0);
        registry.add("mailroom.oauth.microsoft-authority", () -> entra.baseUrl().toString());
    }

    @AfterAll
    static void stop() {
        entra.shutdown();
    }

    @Autowired
    MailTests tests;

    @Autowired
    dev.mailroom.smtp.SmtpSettingsService settings;

    @Autowired
    TestTenants fixtures;

    @BeforeEach
    void signIn() throws Exception {
        // The token server keeps every request it saw; start each test with none (it throws when empty).
        try {
            while (true) {
                entra.takeRequest(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException drained) {
            // nothing left
        }
        fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Entra"), "Eve", Role.ADMIN));
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private static SmtpSettingsDraft microsoft(int port, String directoryId) {
        return SmtpSettingsDraft.builder()
                .host("127.0.0.1")
                .port(port)
                .security(ConnectionSecurity.NONE)
                .senderAddress("reports@contoso.example")
                .authType(AuthType.OAUTH2)
                .username("reports@contoso.example")
                .oauthProvider(OAuthProvider.MICROSOFT)
                .oauthDirectoryId(directoryId)
                .oauthClientId("mailroom")
                .newClientSecret("entra-secret")
                .build();
    }

    @Test
    void savingMicrosoftSettingsAsksTheDirectorysTokenUrl() throws Exception {
        var draft = microsoft(587, "contoso.onmicrosoft.com");
        var outcome = settings.save(SmtpSettingsDraft.builder()
                .host("smtp.office365.com")
                .security(ConnectionSecurity.STARTTLS)
                .senderAddress(draft.senderAddress())
                .authType(AuthType.OAUTH2)
                .username(draft.username())
                .oauthProvider(OAuthProvider.MICROSOFT)
                .oauthDirectoryId("contoso.onmicrosoft.com")
                .oauthClientId("mailroom")
                .newClientSecret("entra-secret")
                .build());
        assertThat(outcome.valid()).isTrue();
        var request = entra.takeRequest(2, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/contoso.onmicrosoft.com/oauth2/v2.0/token");
        assertThat(request.getBody().readUtf8())
                .contains(
                        "grant_type=client_credentials",
                        "scope=https%3A%2F%2Foutlook.office365.com%2F.default",
                        "client_secret=entra-secret");
    }

    @Test
    void aTestConnectionReportsTheTokenStep() {
        try (var exchange = TestSmtpServer.builder()
                .authRefusing("XOAUTH2", "535 5.7.3 Authentication unsuccessful")
                .start()) {
            var report = tests.testConnection(microsoft(exchange.port(), "fabrikam.onmicrosoft.com"));
            assertThat(report.steps()).anySatisfy(s -> {
                assertThat(s.kind()).isEqualTo(StepKind.TOKEN);
                assertThat(s.ok()).isTrue();
                assertThat(s.detail()).startsWith("obtained, expires in");
            });
        }
    }

    @Test
    void microsoftsSmtpAuthDisabledReplyIsExplained() {
        try (var exchange = TestSmtpServer.builder()
                .authRefusing(
                        "PLAIN",
                        "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.")
                .start()) {
            var report = tests.testConnection(SmtpSettingsDraft.builder()
                    .host("127.0.0.1")
                    .port(exchange.port())
                    .security(ConnectionSecurity.NONE)
                    .senderAddress("a@contoso.example")
                    .authType(AuthType.BASIC)
                    .username("a@contoso.example")
                    .newPassword("password-123")
                    .build());
            assertThat(report.failedStep()).as(report.steps().toString()).get().satisfies(s -> {
                assertThat(s.kind()).isEqualTo(StepKind.AUTH);
                assertThat(s.explanationKey()).isEqualTo("mail.explain.microsoft-smtp-auth-disabled");
            });
        }
    }
}
