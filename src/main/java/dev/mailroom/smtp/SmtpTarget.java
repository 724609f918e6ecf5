package dev.mailroom.smtp;

import dev.mailroom.oauth.ClientCredentials;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Everything one SMTP conversation needs, secrets included. Made on the server for one send or test and
 * dropped after it; never stored, never sent to the browser, and {@link #toString()} shows no secret.
 */
public record SmtpTarget(
        UUID tenantId,
        String host,
        int port,
        ConnectionSecurity security,
        TlsVersion minTls,
        @Nullable String caPem,
        String senderName,
        String senderAddress,
        Credentials credentials) {

    /** How the conversation authenticates. */
    public sealed interface Credentials {}

    public record NoCredentials() implements Credentials {}

    /** AUTH PLAIN or LOGIN, whichever the server offers. */
    public record Password(String username, String password) implements Credentials {
        @Override
        public String toString() {
            return "Password[" + username + "]";
        }
    }

    /** AUTH XOAUTH2 with a client-credentials access token. */
    public record OAuth2(String username, ClientCredentials client) implements Credentials {
        @Override
        public String toString() {
            return "OAuth2[" + username + ", " + client + "]";
        }
    }
}
