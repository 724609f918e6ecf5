package dev.mailroom.bench;

import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.CertificateTrust;
import dev.mailroom.smtp.MailTests;
import dev.mailroom.smtp.OAuthProvider;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.support.TestCertificates;
import dev.mailroom.support.TestSmtpServer;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 9, figure 2: Send test email with XOAUTH2 and a cached token vs the same with Basic (AUTH PLAIN), both
 * over STARTTLS to one loopback SubEthaSMTP; and how many times a real OAuth 2.0 server (mock-oauth2-server)
 * is asked for a token over 100 sends within the token's life.
 */
final class OAuthBenchmarks {

    private static final TestCertificates.Issued CA = TestCertificates.validCa("Bench OAuth CA");
    private static final TestCertificates.Issued LOCALHOST = TestCertificates.server(CA, "localhost", "127.0.0.1");
    private static final String MAILBOX = "reports@bench.example";

    private final TestTenants fixtures;
    private final MailTests mailTests;

    OAuthBenchmarks(ConfigurableApplicationContext context) {
        this.fixtures = context.getBean(TestTenants.class);
        this.mailTests = context.getBean(MailTests.class);
    }

    List<BenchmarkSuite.Row> run() throws Exception {
        var tokens = new MockOAuth2Server();
        tokens.start(InetAddress.getByName("127.0.0.1"), 0);
        // Nagle off, as real servers have it: otherwise 40 ms delayed-ACK stalls fall on one side or the other.
        var basicServer = TestSmtpServer.builder()
                .noDelay()
                .startTls(TestCertificates.serverContext(LOCALHOST, CA))
                .user(MAILBOX, "bench-password")
                .start();
        var oauthServer = TestSmtpServer.builder()
                .noDelay()
                .startTls(TestCertificates.serverContext(LOCALHOST, CA))
                .xoauth2(MAILBOX)
                .start();
        try {
            var admin = fixtures.newUser(fixtures.newTenant("OAuth"), "Olu", Role.ADMIN);
            fixtures.signInAs(admin);
            var common = SmtpSettingsDraft.builder()
                    .host("localhost")
                    .security(ConnectionSecurity.STARTTLS)
                    .trust(CertificateTrust.CUSTOM)
                    .newCaPem(CA.pem())
                    .senderName("Bench")
                    .senderAddress(MAILBOX);
            var basic = common.port(basicServer.port())
                    .authType(AuthType.BASIC)
                    .username(MAILBOX)
                    .newPassword("bench-password")
                    .build();
            var oauth = SmtpSettingsDraft.builder()
                    .host("localhost")
                    .security(ConnectionSecurity.STARTTLS)
                    .trust(CertificateTrust.CUSTOM)
                    .newCaPem(CA.pem())
                    .senderName("Bench")
                    .senderAddress(MAILBOX)
                    .port(oauthServer.port())
                    .authType(AuthType.OAUTH2)
                    .username(MAILBOX)
                    .oauthProvider(OAuthProvider.OTHER)
                    .oauthTokenUrl(tokens.tokenEndpointUrl("bench").toString())
                    .oauthClientId("mailroom")
                    .newClientSecret("bench-secret")
                    .oauthScope("smtp.send")
                    .build();

            Stats.ThrowingRunnable sendBasic = () -> send(basic, admin.email());
            Stats.ThrowingRunnable sendOAuth = () -> send(oauth, admin.email());
            sendOAuth.run(); // the one token request: everything after this uses the cached token
            int before = drain(tokens);
            for (int i = 0; i < 100; i++) {
                sendOAuth.run();
            }
            int during = drain(tokens);
            var both = Stats.interleaved(30, 5, 40, List.of(sendBasic, sendOAuth));
            fixtures.signOut();
            return List.of(
                    new BenchmarkSuite.Row(
                            "2. Send test email with XOAUTH2 and a cached token vs Basic (AUTH PLAIN), STARTTLS",
                            both.get(0).format("ms"),
                            both.get(1).format("ms"),
                            both.get(1).median() / both.get(0).median(),
                            "≤ 1.1×"),
                    new BenchmarkSuite.Row(
                            "2b. Token requests to mock-oauth2-server: the first send, then 100 more sends",
                            "(none: Basic asks nobody)",
                            before + ", then " + during,
                            "—",
                            "1, then 0"));
        } finally {
            oauthServer.close();
            basicServer.close();
            tokens.shutdown();
        }
    }

    private void send(SmtpSettingsDraft draft, String to) {
        var report = mailTests.sendTestEmail(draft, to, Locale.ENGLISH);
        if (!report.succeeded()) {
            throw new IllegalStateException(String.join("\n", report.transcript()));
        }
    }

    /** How many requests the token server saw since the last call (it hands them out one by one). */
    private static int drain(MockOAuth2Server server) {
        int n = 0;
        try {
            while (true) {
                server.takeRequest(100, TimeUnit.MILLISECONDS);
                n++;
            }
        } catch (RuntimeException none) {
            return n;
        }
    }
}
