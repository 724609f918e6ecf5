package dev.mailroom.smtp;

import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mail.TlsVersion;
import org.jspecify.annotations.Nullable;

/**
 * What an admin submits from the SMTP form. Secrets and the certificate are only present when the admin
 * entered new ones; blank means "keep what is stored". {@code expectedVersion} is the version the form was
 * loaded with, so that a concurrent change is noticed instead of overwritten.
 */
public record SmtpSettingsDraft(
        MailMode mode,
        String host,
        @Nullable Integer port,
        ConnectionSecurity security,
        TlsVersion minTls,
        CertificateTrust trust,
        @Nullable String newCaPem,
        String senderName,
        String senderAddress,
        AuthType authType,
        String username,
        @Nullable String newPassword,
        OAuthProvider oauthProvider,
        String oauthDirectoryId,
        String oauthClientId,
        String oauthTokenUrl,
        String oauthScope,
        @Nullable String newClientSecret,
        SendingRate rate,
        @Nullable Long expectedVersion) {

    /** Records print every field; this one must never print a secret, wherever it ends up being logged. */
    @Override
    public String toString() {
        return "SmtpSettingsDraft[mode=" + mode + ", host=" + host + ", port=" + port + ", security=" + security
                + ", authType=" + authType + ", username=" + username + ", newPassword=" + mask(newPassword)
                + ", newClientSecret=" + mask(newClientSecret) + ", expectedVersion=" + expectedVersion + "]";
    }

    private static String mask(@Nullable String secret) {
        return secret == null || secret.isEmpty() ? "none" : "(entered)";
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A draft that keeps everything as stored: the starting point of an edit. */
    public static Builder from(SmtpSettings s) {
        var b = new Builder();
        b.mode = s.mode();
        b.host = nz(s.host());
        b.port = s.port();
        b.security = s.security();
        b.minTls = s.minTls();
        b.trust = s.trust();
        b.senderName = nz(s.senderName());
        b.senderAddress = nz(s.senderAddress());
        b.authType = s.authType();
        b.username = nz(s.username());
        b.oauthProvider = s.oauthProvider() == null ? OAuthProvider.MICROSOFT : s.oauthProvider();
        b.oauthDirectoryId = nz(s.oauthDirectoryId());
        b.oauthClientId = nz(s.oauthClientId());
        b.oauthTokenUrl = nz(s.oauthTokenUrl());
        b.oauthScope = nz(s.oauthScope());
        b.rate = s.rate();
        b.expectedVersion = s.version();
        return b;
    }

    private static String nz(@Nullable String s) {
        return s == null ? "" : s;
    }

    /** Fluent construction for the form and for tests. */
    public static final class Builder {
        private MailMode mode = MailMode.CUSTOM;
        private String host = "";
        private @Nullable Integer port;
        private SendingRate rate = SendingRate.NONE;
        private ConnectionSecurity security = ConnectionSecurity.STARTTLS;
        private TlsVersion minTls = TlsVersion.TLS_1_2;
        private CertificateTrust trust = CertificateTrust.DEFAULT;
        private @Nullable String newCaPem;
        private String senderName = "";
        private String senderAddress = "";
        private AuthType authType = AuthType.NONE;
        private String username = "";
        private @Nullable String newPassword;
        private OAuthProvider oauthProvider = OAuthProvider.MICROSOFT;
        private String oauthDirectoryId = "";
        private String oauthClientId = "";
        private String oauthTokenUrl = "";
        private String oauthScope = "";
        private @Nullable String newClientSecret;
        private @Nullable Long expectedVersion;

        public Builder mode(MailMode v) {
            mode = v;
            return this;
        }

        public Builder host(String v) {
            host = v;
            return this;
        }

        public Builder port(@Nullable Integer v) {
            port = v;
            return this;
        }

        public Builder security(ConnectionSecurity v) {
            security = v;
            return this;
        }

        public Builder minTls(TlsVersion v) {
            minTls = v;
            return this;
        }

        public Builder trust(CertificateTrust v) {
            trust = v;
            return this;
        }

        public Builder newCaPem(@Nullable String v) {
            newCaPem = v;
            return this;
        }

        public Builder senderName(String v) {
            senderName = v;
            return this;
        }

        public Builder senderAddress(String v) {
            senderAddress = v;
            return this;
        }

        public Builder authType(AuthType v) {
            authType = v;
            return this;
        }

        public Builder username(String v) {
            username = v;
            return this;
        }

        public Builder newPassword(@Nullable String v) {
            newPassword = v;
            return this;
        }

        public Builder oauthProvider(OAuthProvider v) {
            oauthProvider = v;
            return this;
        }

        public Builder oauthDirectoryId(String v) {
            oauthDirectoryId = v;
            return this;
        }

        public Builder oauthClientId(String v) {
            oauthClientId = v;
            return this;
        }

        public Builder oauthTokenUrl(String v) {
            oauthTokenUrl = v;
            return this;
        }

        public Builder oauthScope(String v) {
            oauthScope = v;
            return this;
        }

        public Builder newClientSecret(@Nullable String v) {
            newClientSecret = v;
            return this;
        }

        /** At most so many messages a minute and a day (either may be null: no limit). */
        public Builder rate(SendingRate v) {
            rate = v;
            return this;
        }

        public Builder expectedVersion(@Nullable Long v) {
            expectedVersion = v;
            return this;
        }

        public SmtpSettingsDraft build() {
            return new SmtpSettingsDraft(
                    mode,
                    host,
                    port,
                    security,
                    minTls,
                    trust,
                    newCaPem,
                    senderName,
                    senderAddress,
                    authType,
                    username,
                    newPassword,
                    oauthProvider,
                    oauthDirectoryId,
                    oauthClientId,
                    oauthTokenUrl,
                    oauthScope,
                    newClientSecret,
                    rate,
                    expectedVersion);
        }
    }
}
