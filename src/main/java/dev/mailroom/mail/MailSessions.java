package dev.mailroom.mail;

import dev.mailroom.egress.Destination;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Builds the Angus mail session for one conversation from its target: a new session each time, so no
 * mutable mailer state is ever shared between tenants or sends (Jakarta Mail's {@code Service.connect} even
 * keeps the password in its session, for the next connect to the same URL). The price is a class path search
 * for mail providers per session (jakartaee/mail-api#101), a few milliseconds: see BENCHMARKS.md.
 */
@Component
@EnableConfigurationProperties(MailProperties.class)
class MailSessions {

    private final String ehloName;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    MailSessions(MailProperties properties) {
        this.ehloName = properties.ehloName();
        this.connectTimeout = properties.connectTimeout();
        this.readTimeout = properties.readTimeout();
    }

    String ehloName() {
        return ehloName;
    }

    /**
     * @param destination where the egress policy allows this conversation to go: Angus is given the checked
     *                    address, and TLS verifies the tenant's host name over it
     * @param onConnected hears once that the TCP connection stands, and how long it took where known
     * @param onTlsSocket hears of the TLS socket layered over it (before its handshake)
     */
    Session create(
            SmtpTarget target,
            Destination destination,
            @Nullable Transcript transcript,
            Consumer<@Nullable Duration> onConnected,
            Consumer<SSLSocket> onTlsSocket) {
        var server = target.server();
        String p = "mail." + server.protocol() + ".";
        var heard = new AtomicBoolean();
        Consumer<@Nullable Duration> connected = took -> {
            if (heard.compareAndSet(false, true)) {
                onConnected.accept(took);
            }
        };
        var props = new Properties();
        props.put(p + "host", destination.address().getHostAddress());
        props.put(p + "port", String.valueOf(target.port()));
        // Jakarta Mail waits forever unless told otherwise.
        props.put(p + "connectiontimeout", String.valueOf(connectTimeout.toMillis()));
        props.put(p + "timeout", String.valueOf(readTimeout.toMillis()));
        props.put(p + "writetimeout", String.valueOf(readTimeout.toMillis()));
        // The EHLO name is ours, never user input.
        props.put(p + "localhost", ehloName);
        props.put(p + "socketFactory", PinnedSocketFactories.plain(connected));
        props.put(p + "socketFactory.fallback", "false");
        if (target.security() != ConnectionSecurity.NONE) {
            props.put(
                    p + "ssl.socketFactory",
                    PinnedSocketFactories.tls(
                            TlsTrust.socketFactory(server.caPem()), destination.host(), connected, onTlsSocket));
            props.put(p + "ssl.protocols", String.join(" ", server.minTls().protocols()));
            // Angus would check the certificate against the address it connects to; the JDK checks it against
            // the host name instead, in the handshake (see PinnedSocketFactories).
            props.put(p + "ssl.checkserveridentity", "false");
        }
        if (target.security() == ConnectionSecurity.SSL_TLS) {
            props.put(p + "ssl.enable", "true");
        }
        if (target.security() == ConnectionSecurity.STARTTLS) {
            // Required: a server that does not offer STARTTLS fails the conversation, never a silent plain-text one.
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        switch (target.credentials()) {
            case Credentials.Password pw -> {
                props.put(p + "auth", "true");
                props.put(p + "auth.mechanisms", "PLAIN LOGIN");
            }
            case Credentials.OAuth2 o -> {
                props.put(p + "auth", "true");
                props.put(p + "auth.mechanisms", "XOAUTH2");
            }
            case Credentials.None n -> props.put(p + "auth", "false");
        }
        var session = Session.getInstance(props);
        if (transcript != null) {
            session.setDebugOut(transcript.stream());
            session.setDebug(true);
        }
        return session;
    }
}
