package dev.mailroom.smtp;

import dev.mailroom.config.MisconfigurationException;
import dev.mailroom.egress.EgressPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deployment's own relay ({@code mailroom.default-mail.*}), used by every tenant without custom
 * settings. The same choices a tenant has; secrets come from the environment, never from the database.
 * Without a host there is no default service (and product mail waits until there is one), except in demo
 * mode, where the built-in demo mailbox fills in.
 */
@ConfigurationProperties("mailroom.default-mail")
public record DefaultMailServiceProperties(
        @Nullable String host,
        @Nullable Integer port,
        @DefaultValue("STARTTLS") ConnectionSecurity security,
        @DefaultValue("TLS_1_2") TlsVersion minTls,
        @Nullable String caPem,
        @DefaultValue("Mailroom") String senderName,
        @DefaultValue("noreply@mailroom.invalid") String senderAddress,
        @Nullable String username,
        @Nullable String password,
        @Nullable String oauthTokenUrl,
        @Nullable String oauthDirectoryId,
        @Nullable String oauthClientId,
        @Nullable String oauthClientSecret,
        @Nullable String oauthScope) {

    public boolean configured() {
        return host != null && !host.isBlank();
    }

    /**
     * The rule tenants' settings follow: no credentials over security "None" unless the operator allows
     * plaintext authentication for some network (the transport then checks the address it connects to).
     *
     * @throws IllegalStateException naming the settings to change; the application does not start
     */
    public void requireNoPlaintextCredentials(EgressPolicy egress) {
        boolean credentials = username != null || oauthClientId != null;
        if (configured()
                && security == ConnectionSecurity.NONE
                && credentials
                && !egress.allowsPlaintextAuthSomewhere()) {
            throw new MisconfigurationException(
                    "mailroom.default-mail.security is NONE but the default mail service has "
                            + "credentials, which would cross the network unencrypted.",
                    "Set MAILROOM_DEFAULT_MAIL_SECURITY to "
                            + "STARTTLS or SSL_TLS, or list the relay's network in MAILROOM_EGRESS_PLAINTEXT_AUTH_NETWORKS.");
        }
    }
}
