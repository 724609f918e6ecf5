package dev.mailroom.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.egress.Destination;
import dev.mailroom.secrets.Secret;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Sessions are reused within a tenant and its settings, never across tenants, and dropped on change. */
class MailSessionsTest {

    static MailProperties properties(Duration connectTimeout, Duration readTimeout) {
        return new MailProperties(
                "mailroom.test",
                connectTimeout,
                readTimeout,
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                org.springframework.util.unit.DataSize.ofKilobytes(256));
    }

    final MailSessions sessions = new MailSessions(properties(Duration.ofSeconds(10), Duration.ofSeconds(10)));
    final Destination destination =
            new Destination("smtp.example.com", InetAddress.getLoopbackAddress(), 587, List.of());

    static SmtpTarget target(UUID tenant, String host) {
        return new SmtpTarget(
                tenant,
                new SmtpServer(host, 587, ConnectionSecurity.STARTTLS, TlsVersion.TLS_1_2, null),
                new Sender("Acme", "noreply@acme.example"),
                new Credentials.Password("mailer", Secret.of("s3cret-password")));
    }

    @Test
    void aTenantsNextConnectionReusesItsSession() {
        var acme = UUID.randomUUID();
        assertThat(sessions.session(target(acme, "smtp.example.com"), destination, false))
                .isSameAs(sessions.session(target(acme, "smtp.example.com"), destination, false));
    }

    @Test
    void noSessionIsSharedBetweenTenantsSettingsOrTranscriptedAndPlainConnections() {
        var acme = UUID.randomUUID();
        var globex = UUID.randomUUID();
        var first = sessions.session(target(acme, "smtp.example.com"), destination, false);
        assertThat(sessions.session(target(globex, "smtp.example.com"), destination, false))
                .isNotSameAs(first);
        assertThat(sessions.session(target(acme, "other.example.com"), destination, false))
                .isNotSameAs(first);
        assertThat(sessions.session(target(acme, "smtp.example.com"), destination, true))
                .isNotSameAs(first);
    }

    @Test
    void aChangeOfSettingsDropsTheTenantsSessionsOnly() {
        var acme = UUID.randomUUID();
        var globex = UUID.randomUUID();
        var acmes = sessions.session(target(acme, "smtp.example.com"), destination, false);
        var globexs = sessions.session(target(globex, "smtp.example.com"), destination, false);
        sessions.forget(acme);
        assertThat(sessions.session(target(acme, "smtp.example.com"), destination, false))
                .isNotSameAs(acmes);
        assertThat(sessions.session(target(globex, "smtp.example.com"), destination, false))
                .isSameAs(globexs);
    }

    /**
     * Angus would otherwise make a scheduler, and start its thread, for every connection it opens: the write
     * timeout is the guarded socket's, on one scheduler that stops with Mailroom.
     */
    @Test
    void noSessionAsksAngusForAWriteTimeoutOfItsOwnAndTheSharedSchedulerStopsWithMailroom() {
        var acme = sessions.session(target(UUID.randomUUID(), "smtp.example.com"), destination, false);
        var globex = sessions.session(target(UUID.randomUUID(), "smtp.example.com"), destination, true);
        assertThat(acme.getProperty("mail.smtp.writetimeout")).isNull();
        assertThat(globex.getProperty("mail.smtp.writetimeout")).isNull();
        sessions.close();
        assertThat(sessions.writeTimeouts().isShutdown()).isTrue();
    }

    /**
     * A server that stops reading in the middle of DATA: the write that can no longer go anywhere is cut by the
     * shared scheduler after the write timeout, instead of holding the sending thread for ever.
     */
    @Test
    void aWriteThatCannotFinishIsCutByTheSharedSchedulersTimeout() throws Exception {
        var quick = new MailSessions(properties(Duration.ofSeconds(5), Duration.ofMillis(500)));
        try (var server = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var stalled = new java.util.concurrent.CountDownLatch(1);
            var release = new java.util.concurrent.CountDownLatch(1);
            var serverGaveUp = new AtomicBoolean();
            var serverThread =
                    Thread.ofVirtual().start(() -> stopReadingAtData(server, stalled, release, serverGaveUp));
            var target = new SmtpTarget(
                    UUID.randomUUID(),
                    new SmtpServer(
                            "localhost", server.getLocalPort(), ConnectionSecurity.NONE, TlsVersion.TLS_1_2, null),
                    new Sender("", "noreply@example.com"),
                    new Credentials.None());
            var at = new Destination("localhost", InetAddress.getLoopbackAddress(), server.getLocalPort(), List.of());
            var session = quick.session(target, at, false);
            var message = new jakarta.mail.internet.MimeMessage(session);
            message.setFrom("noreply@example.com");
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, "someone@example.com");
            // Far more than loopback's socket buffers hold.
            message.setText("x".repeat(64 * 1024 * 1024));
            try (var transport = session.getTransport("smtp")) {
                transport.connect();
                org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> transport.sendMessage(message, message.getAllRecipients()))
                        .isInstanceOf(jakarta.mail.MessagingException.class);
            }
            assertThat(stalled.getCount()).as("the server got as far as DATA").isZero();
            release.countDown();
            serverThread.join();
            assertThat(serverGaveUp)
                    .as("the client gave up on its own, not because the server closed the connection")
                    .isFalse();
        } finally {
            quick.close();
        }
    }

    /** Speaks SMTP up to DATA's 354, then reads nothing more until released (or, failing that, for 30 s). */
    private static void stopReadingAtData(
            java.net.ServerSocket server,
            java.util.concurrent.CountDownLatch stalled,
            java.util.concurrent.CountDownLatch release,
            AtomicBoolean gaveUp) {
        try (var socket = server.accept();
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                        socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                var out = socket.getOutputStream()) {
            out.write("220 stalling.test ESMTP\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (String line; (line = in.readLine()) != null; ) {
                String reply = line.startsWith("DATA") ? "354 go ahead\r\n" : "250 ok\r\n";
                out.write(reply.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                if (line.startsWith("DATA")) {
                    stalled.countDown();
                    // Read nothing more: the client's writes fill the buffers and block until it gives up. Closing
                    // first (after far longer than the client's write timeout) would end a client without one.
                    gaveUp.set(!release.await(30, java.util.concurrent.TimeUnit.SECONDS));
                    return;
                }
            }
        } catch (java.io.IOException | InterruptedException e) {
            // The test is over either way.
        }
    }

    @Test
    void onTheImplicitTlsPortWithoutSslTheGreetingIsNotAwaitedTheFullReadTimeout() {
        var tenant = UUID.randomUUID();
        var starttlsOn465 = new SmtpTarget(
                tenant,
                new SmtpServer("smtp.example.com", 465, ConnectionSecurity.STARTTLS, TlsVersion.TLS_1_2, null),
                new Sender("", "noreply@example.com"),
                new Credentials.None());
        var sslOn465 = new SmtpTarget(
                tenant,
                new SmtpServer("smtp.example.com", 465, ConnectionSecurity.SSL_TLS, TlsVersion.TLS_1_2, null),
                new Sender("", "noreply@example.com"),
                new Credentials.None());
        assertThat(sessions.replyTimeout(starttlsOn465)).isEqualTo(Duration.ofSeconds(3));
        assertThat(sessions.replyTimeout(sslOn465)).isEqualTo(Duration.ofSeconds(10));
        assertThat(sessions.replyTimeout(target(tenant, "smtp.example.com"))).isEqualTo(Duration.ofSeconds(10));
        assertThat(sessions.session(starttlsOn465, destination, false).getProperty("mail.smtp.timeout"))
                .isEqualTo("3000");
    }
}
