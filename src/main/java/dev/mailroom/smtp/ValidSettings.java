package dev.mailroom.smtp;

import org.jspecify.annotations.Nullable;

/** A draft that passed validation, in normal form (trimmed, lower-case host, port filled in). */
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
        @Nullable String oauthScope) {

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
