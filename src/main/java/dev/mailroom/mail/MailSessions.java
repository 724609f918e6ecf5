package dev.mailroom.mail;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;

import javax.net.ssl.SSLSocket;

import dev.mailroom.smtp.ConnectionSecurity;
import dev.mailroom.smtp.SmtpTarget;
import jakarta.mail.Session;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Builds the Angus mail session for one conversation from its target: a new session each time, so no
 * mutable mailer state is ever shared between tenants or sends.
 */
@Component
class MailSessions {

    private final String ehloName;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    MailSessions(@Value("${mailroom.mail.ehlo-name:mailroom.invalid}") String ehloName,
                 @Value("${mailroom.mail.connect-timeout:10s}") Duration connectTimeout,
                 @Value("${mailroom.mail.read-timeout:10s}") Duration readTimeout) {
        this.ehloName = ehloName;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    String ehloName() {
        return ehloName;
    }

    static String protocol(SmtpTarget target) {
        return target.security() == ConnectionSecurity.SSL_TLS ? "smtps" : "smtp";
    }

    Session create(SmtpTarget target, @Nullable Transcript transcript, Consumer<SSLSocket> onTlsSocket) {
        String p = "mail." + protocol(target) + ".";
        var props = new Properties();
        props.put(p + "host", target.host());
        props.put(p + "port", String.valueOf(target.port()));
        // Jakarta Mail waits forever unless told otherwise.
        props.put(p + "connectiontimeout", String.valueOf(connectTimeout.toMillis()));
        props.put(p + "timeout", String.valueOf(readTimeout.toMillis()));
        props.put(p + "writetimeout", String.valueOf(readTimeout.toMillis()));
        // The EHLO name is ours, never user input.
        props.put(p + "localhost", ehloName);
        props.put(p + "socketFactory", NoDelaySocketFactories.plain());
        props.put(p + "socketFactory.fallback", "false");
        if (target.security() != ConnectionSecurity.NONE) {
            props.put(p + "ssl.socketFactory", NoDelaySocketFactories.tls(TlsTrust.socketFactory(target.caPem()), onTlsSocket));
            props.put(p + "ssl.protocols", String.join(" ", target.minTls().protocols()));
            props.put(p + "ssl.checkserveridentity", "true");
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
            case SmtpTarget.Password pw -> {
                props.put(p + "auth", "true");
                props.put(p + "auth.mechanisms", "PLAIN LOGIN");
            }
            case SmtpTarget.OAuth2 o -> {
                props.put(p + "auth", "true");
                props.put(p + "auth.mechanisms", "XOAUTH2");
            }
            case SmtpTarget.NoCredentials n -> props.put(p + "auth", "false");
        }
        var session = Session.getInstance(props);
        if (transcript != null) {
            session.setDebugOut(transcript.stream());
            session.setDebug(true);
        }
        return session;
    }
}
