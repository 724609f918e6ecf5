package dev.mailroom.smtp;

import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mail.Credentials;
import dev.mailroom.mail.Sender;
import dev.mailroom.mail.SmtpServer;
import dev.mailroom.mail.SmtpTarget;
import dev.mailroom.mail.TlsVersion;
import dev.mailroom.oauth.ClientCredentials;
import dev.mailroom.oauth.TokenEndpoint;
import dev.mailroom.secrets.Secret;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Settings that passed validation, in normal form (trimmed, lower-case host, port filled in): a tenant's
 * draft, its stored row or the deployment's default service. {@link #target} is the one place where settings
 * become a connection target.
 */
record ValidSettings(
        String host,
        int port,
        ConnectionSecurity security,
        TlsVersion minTls,
        CertificateTrust trust,
        @Nullable String caPem,
        String senderName,
        String senderAddress,
        AuthType authType,
        @Nullable String username,
        @Nullable OAuthProvider oauthProvider,
        @Nullable String oauthDirectoryId,
        @Nullable String oauthClientId,
        @Nullable String oauthTokenUrl,
        @Nullable String oauthScope,
        SendingRate rate) {

    SmtpServer server() {
        return new SmtpServer(host, port, security, minTls, trust == CertificateTrust.CUSTOM ? caPem : null);
    }

    Sender sender() {
        return new Sender(senderName, senderAddress);
    }

    /** Where and how to talk SMTP with these settings and their (decrypted) secret, for one tenant. */
    SmtpTarget target(UUID tenant, @Nullable Secret secret) {
        Credentials credentials = switch (authType) {
            case NONE -> new Credentials.None();
            case BASIC -> new Credentials.Password(Objects.requireNonNull(username), Objects.requireNonNull(secret));
            case OAUTH2 -> new Credentials.OAuth2(Objects.requireNonNull(username), clientCredentials(secret));
        };
        return new SmtpTarget(tenant, server(), sender(), credentials);
    }

    ClientCredentials clientCredentials(@Nullable Secret clientSecret) {
        var endpoint = oauthProvider == OAuthProvider.MICROSOFT
                ? new TokenEndpoint.Microsoft(Objects.requireNonNull(oauthDirectoryId))
                : new TokenEndpoint.Url(Objects.requireNonNull(oauthTokenUrl));
        return new ClientCredentials(
                endpoint,
                Objects.requireNonNull(oauthClientId),
                Objects.requireNonNull(clientSecret),
                Objects.requireNonNull(oauthScope));
    }

    /**
     * What a stored password is tied to: everything that decides where it goes and who can read it on the
     * way. Change any of these and it must be typed again, or an admin could keep the stored secret, trust a
     * CA of their own (or a weaker TLS version) and have the next test hand it to a server they control.
     */
    boolean samePasswordTarget(SmtpSettingsRow stored) {
        return host.equals(stored.host())
                && stored.port() != null
                && port == stored.port()
                && security == stored.security()
                && minTls == stored.minTls()
                && trust == stored.trust()
                && java.util.Objects.equals(caPem, stored.caPem())
                && authType == stored.authType()
                && java.util.Objects.equals(username, stored.username());
    }

    /**
     * What a stored client secret is tied to. Besides the password's fields, the token endpoint and the
     * client: otherwise an admin could point the stored secret at a token URL of their own and read it.
     */
    boolean sameClientSecretTarget(SmtpSettingsRow stored) {
        return samePasswordTarget(stored)
                && oauthProvider == stored.oauthProvider()
                && java.util.Objects.equals(oauthDirectoryId, stored.oauthDirectoryId())
                && java.util.Objects.equals(oauthClientId, stored.oauthClientId())
                && java.util.Objects.equals(oauthTokenUrl, stored.oauthTokenUrl());
    }
}
