package dev.mailroom.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.egress.Destination;
import dev.mailroom.secrets.Secret;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** Sessions are reused within a tenant and its settings, never across tenants, and dropped on change. */
class MailSessionsTest {

    final MailSessions sessions =
            new MailSessions(new MailProperties("mailroom.test", Duration.ofSeconds(10), Duration.ofSeconds(10)));
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

    /** Angus would otherwise make a scheduler, and start its thread, for every connection it opens. */
    @Test
    void everySessionWatchesItsWritesOnOneSharedSchedulerThatStopsWithMailroom() {
        var acme = sessions.session(target(UUID.randomUUID(), "smtp.example.com"), destination, false);
        var globex = sessions.session(target(UUID.randomUUID(), "smtp.example.com"), destination, true);
        var scheduler = acme.getProperties().get("mail.smtp.executor.writetimeout");
        assertThat(scheduler).isInstanceOf(ScheduledExecutorService.class);
        assertThat(globex.getProperties().get("mail.smtp.executor.writetimeout"))
                .isSameAs(scheduler);
        assertThat(acme.getProperty("mail.smtp.writetimeout")).isEqualTo("10000");
        sessions.close();
        assertThat(((ScheduledExecutorService) scheduler).isShutdown()).isTrue();
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
