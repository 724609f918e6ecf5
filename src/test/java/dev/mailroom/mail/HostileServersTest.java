package dev.mailroom.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.MailTests;
import dev.mailroom.smtp.OAuthProvider;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.support.HostilePeer;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Servers and token endpoints are strangers' input: one that trickles is cut off at the conversation's deadline
 * (each byte comes well within the read timeout, so only the deadline can end it), one that never ends its reply
 * at the cap, and a test answers within its deadline either way. Real sockets, real Angus, real HttpClient.
 * Each test has a JUnit timeout far beyond the deadline: without the limits they would run for many minutes.
 */
@MailroomTest
@TestPropertySource(properties = {"mailroom.mail.test-deadline=3s", "mailroom.mail.max-reply-bytes=64KB"})
class HostileServersTest {

    @Autowired
    MailTests tests;

    @Autowired
    TestTenants fixtures;

    @BeforeEach
    void signIn() {
        fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Hostile"), "Hana", Role.ADMIN));
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private static SmtpSettingsDraft.Builder plain(int port) {
        return SmtpSettingsDraft.builder()
                .host("127.0.0.1")
                .port(port)
                .security(ConnectionSecurity.NONE)
                .senderAddress("noreply@example.com")
                .authType(AuthType.NONE);
    }

    private static SmtpSettingsDraft oauthAt(int smtpPort, int tokenPort) {
        return plain(smtpPort)
                .authType(AuthType.OAUTH2)
                .username("oauth@example.com")
                .oauthProvider(OAuthProvider.OTHER)
                .oauthTokenUrl("http://127.0.0.1:" + tokenPort + "/token")
                .oauthClientId("client")
                .oauthScope("smtp.send")
                .newClientSecret("a-client-secret")
                .build();
    }

    private static ConversationStep failed(ConversationReport report) {
        return report.failedStep().orElseThrow(() -> new AssertionError("expected a failure: " + report));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aServerThatTricklesItsGreetingIsCutOffAtTheDeadline() throws Exception {
        try (var peer = new HostilePeer(HostilePeer.Conduct.TRICKLING_GREETING, Duration.ofMillis(100))) {
            var report = tests.testConnection(plain(peer.port()).build());
            assertThat(failed(report).explanationKey()).isEqualTo("mail.explain.too-slow");
            assertThat(failed(report).kind()).as("connected, greeting too slow").isEqualTo(StepKind.EHLO);
            assertThat(peer.awaitHangUp(Duration.ofSeconds(10)))
                    .as("Mailroom hung up on the trickling server")
                    .isTrue();
            assertThat(peer.bytesWritten())
                    .as("the greeting was cut off long before its end")
                    .isLessThan(1_000);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aServerThatNeverEndsItsEhloReplyIsCutOffAtTheCap() throws Exception {
        try (var peer = new HostilePeer(HostilePeer.Conduct.ENDLESS_EHLO, Duration.ZERO)) {
            var report = tests.testConnection(plain(peer.port()).build());
            assertThat(failed(report).explanationKey()).isEqualTo("mail.explain.reply-too-long");
            assertThat(peer.awaitHangUp(Duration.ofSeconds(10)))
                    .as("Mailroom hung up on the endless reply")
                    .isTrue();
            // What the peer wrote beyond the 64 KB cap sat in the two sockets' buffers, never in Mailroom's heap.
            assertThat(peer.bytesWritten()).isLessThan(64L * 1024 * 1024);
            assertThat(report.transcript()).hasSizeLessThanOrEqualTo(Transcript.MAX_LINES + 1);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aTokenEndpointThatTricklesIsCutOffWithinTheTestsDeadline() throws Exception {
        try (var endpoint = new HostilePeer(HostilePeer.Conduct.TRICKLING_HTTP, Duration.ofMillis(100))) {
            var report =
                    tests.testConnection(oauthAt(dev.mailroom.support.Ports.unusedLoopbackPort(), endpoint.port()));
            assertThat(failed(report).kind()).isEqualTo(StepKind.TOKEN);
            assertThat(failed(report).explanationKey()).isEqualTo("mail.explain.token-too-slow");
            assertThat(endpoint.awaitHangUp(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aTokenEndpointWhoseAnswerNeverEndsIsRefusedAtTheCap() throws Exception {
        try (var endpoint = new HostilePeer(HostilePeer.Conduct.ENDLESS_HTTP, Duration.ZERO)) {
            var report =
                    tests.testConnection(oauthAt(dev.mailroom.support.Ports.unusedLoopbackPort(), endpoint.port()));
            assertThat(failed(report).kind()).isEqualTo(StepKind.TOKEN);
            assertThat(failed(report).explanationKey()).isEqualTo("mail.explain.token-too-long");
            assertThat(endpoint.awaitHangUp(Duration.ofSeconds(10))).isTrue();
            assertThat(endpoint.bytesWritten()).isLessThan(50L * 1024 * 1024);
        }
    }

    /**
     * What a token endpoint says is never copied into the report: a tenant's token URL could point at a page only
     * the deployment can reach (an operator's widened egress), and the report would read it out. The HTTP status,
     * the OAuth error code and an Entra AADSTS number are shown; the body and the error description are not.
     */
    @Test
    void aTokenEndpointsWordsAreNotCopiedIntoTheReport() throws Exception {
        var http = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0.1"), 0), 0);
        http.createContext("/token", exchange -> {
            boolean page = exchange.getRequestURI().getQuery() == null;
            String body = page
                    ? "<html>internal-inventory: db-password=hunter2-page</html>"
                    : "{\"error\":\"invalid_client\",\"error_description\":"
                            + "\"AADSTS7000215: Invalid client secret. hunter2-description\"}";
            var bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", page ? "text/html" : "application/json");
            exchange.sendResponseHeaders(page ? 200 : 401, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        http.start();
        try {
            int port = http.getAddress().getPort();
            var page = tests.testConnection(oauthAt(dev.mailroom.support.Ports.unusedLoopbackPort(), port));
            assertThat(failed(page).kind()).isEqualTo(StepKind.TOKEN);
            assertThat(failed(page).explanationKey()).isEqualTo("mail.explain.token-bad-response");
            assertThat(page.toString()).doesNotContain("hunter2", "internal-inventory");

            var refused = tests.testConnection(SmtpSettingsDraft.from(dev.mailroom.smtp.SmtpSettings.defaultService())
                    .mode(dev.mailroom.smtp.MailMode.CUSTOM)
                    .host("127.0.0.1")
                    .port(dev.mailroom.support.Ports.unusedLoopbackPort())
                    .security(ConnectionSecurity.NONE)
                    .senderAddress("noreply@example.com")
                    .authType(AuthType.OAUTH2)
                    .username("oauth@example.com")
                    .oauthProvider(OAuthProvider.OTHER)
                    .oauthTokenUrl("http://127.0.0.1:" + port + "/token?json")
                    .oauthClientId("client")
                    .oauthScope("smtp.send")
                    .newClientSecret("a-client-secret")
                    .build());
            assertThat(failed(refused).explanationKey()).isEqualTo("mail.explain.invalid-client.url");
            assertThat(refused.toString()).contains("invalid_client", "HTTP 401", "AADSTS7000215");
            assertThat(refused.toString()).doesNotContain("hunter2", "Invalid client secret");
        } finally {
            http.stop(0);
        }
    }

    /** Implicit TLS to a server that accepts and then says nothing: the handshake's reads have the limits too. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aServerSilentInTheTlsHandshakeIsCutOff() throws Exception {
        try (var silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
            var report = tests.testConnection(plain(silent.getLocalPort())
                    .security(ConnectionSecurity.SSL_TLS)
                    .build());
            assertThat(report.succeeded()).isFalse();
            assertThat(failed(report).explanationKey()).isIn("mail.explain.too-slow", "mail.explain.timeout");
        }
    }
}
