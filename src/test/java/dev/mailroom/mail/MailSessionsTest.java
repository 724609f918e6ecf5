package dev.mailroom.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.egress.Destination;
import dev.mailroom.secrets.Secret;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sessions are reused within a tenant and its settings, never across tenants, and dropped on change. */
class MailSessionsTest {

    final MailSessions sessions =
            new MailSessions(new MailProperties("mailroom.test", Duration.ofSeconds(1), Duration.ofSeconds(1)));
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
}
