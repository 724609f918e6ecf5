package dev.mailroom.smtp;

import dev.mailroom.config.MisconfigurationException;
import dev.mailroom.egress.EgressPolicy;
import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mail.TlsVersion;
import dev.mailroom.secrets.Secret;
import java.util.Objects;
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
        @Nullable String oauthScope,
        @Nullable Integer ratePerMinute,
        @Nullable Integer ratePerDay) {

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

    /**
     * Credentials come whole: a user name with its password, or an OAuth 2.0 client with its secret, user name
     * and token endpoint.
     *
     * @throws MisconfigurationException naming what is missing; the application does not start
     */
    public void requireCompleteCredentials() {
        if (!configured()) {
            return;
        }
        if (oauthClientId != null) {
            if (oauthClientSecret == null || username == null || oauthDirectoryId == null && oauthTokenUrl == null) {
                throw new MisconfigurationException(
                        "The default mail service's OAuth 2.0 client is incomplete.",
                        "Set MAILROOM_DEFAULT_MAIL_OAUTH_CLIENT_SECRET, MAILROOM_DEFAULT_MAIL_USERNAME and either "
                                + "MAILROOM_DEFAULT_MAIL_OAUTH_DIRECTORY_ID or MAILROOM_DEFAULT_MAIL_OAUTH_TOKEN_URL.");
            }
        } else if (username != null && password == null) {
            throw new MisconfigurationException(
                    "The default mail service has a user name but no password.",
                    "Set MAILROOM_DEFAULT_MAIL_PASSWORD, or remove MAILROOM_DEFAULT_MAIL_USERNAME.");
        }
    }

    /** In the form tenants' settings take, so that one code path makes a connection target of either. */
    ValidSettings valid() {
        var authType = oauthClientId != null ? AuthType.OAUTH2 : username != null ? AuthType.BASIC : AuthType.NONE;
        return new ValidSettings(
                Objects.requireNonNull(host),
                port != null ? port : security.defaultPort(),
                security,
                minTls,
                caPem == null ? CertificateTrust.DEFAULT : CertificateTrust.CUSTOM,
                caPem,
                senderName,
                senderAddress,
                authType,
                username,
                oauthDirectoryId != null ? OAuthProvider.MICROSOFT : OAuthProvider.OTHER,
                oauthDirectoryId,
                oauthClientId,
                oauthTokenUrl,
                oauthScope != null ? oauthScope : OAuthProvider.MICROSOFT_DEFAULT_SCOPE,
                new SendingRate(ratePerMinute, ratePerDay));
    }

    /** The password (Basic) or client secret (OAuth 2.0) from the environment. */
    @Nullable
    Secret secret() {
        String secret = oauthClientId != null ? oauthClientSecret : password;
        return secret == null ? null : Secret.of(secret);
    }
}
