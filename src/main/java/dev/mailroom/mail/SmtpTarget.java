package dev.mailroom.mail;

import java.util.UUID;

/**
 * Everything one SMTP conversation needs, secrets included: for whom, where to, as whom it sends and how it
 * authenticates. Made on the server for one send, test or batch and dropped after it; never stored, never
 * sent to the browser, and printing it shows no secret ({@link dev.mailroom.secrets.Secret}).
 */
public record SmtpTarget(UUID tenantId, SmtpServer server, Sender sender, Credentials credentials) {

    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    public ConnectionSecurity security() {
        return server.security();
    }
}
