package dev.mailroom.smtp;

import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mail.TlsVersion;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's SMTP settings as admins see them. Secrets are never part of it: only whether one is stored.
 * {@code version} is null while the tenant has never saved custom settings.
 */
public record SmtpSettings(
        MailMode mode,
        @Nullable String host,
        @Nullable Integer port,
        ConnectionSecurity security,
        TlsVersion minTls,
        CertificateTrust trust,
        @Nullable String caPem,
        @Nullable String senderName,
        @Nullable String senderAddress,
        AuthType authType,
        @Nullable String username,
        @Nullable OAuthProvider oauthProvider,
        @Nullable String oauthDirectoryId,
        @Nullable String oauthClientId,
        @Nullable String oauthTokenUrl,
        @Nullable String oauthScope,
        SendingRate rate,
        boolean passwordStored,
        boolean clientSecretStored,
        @Nullable Long version,
        @Nullable Instant updatedAt,
        @Nullable String updatedBy) {

    /** The start state of every tenant: the deployment's default mail service. */
    public static SmtpSettings defaultService() {
        return new SmtpSettings(
                MailMode.DEFAULT_SERVICE,
                null,
                null,
                ConnectionSecurity.STARTTLS,
                TlsVersion.TLS_1_2,
                CertificateTrust.DEFAULT,
                null,
                null,
                null,
                AuthType.NONE,
                null,
                null,
                null,
                null,
                null,
                null,
                SendingRate.NONE,
                false,
                false,
                null,
                null,
                null);
    }

    public boolean isCustom() {
        return mode == MailMode.CUSTOM;
    }

    public List<CertificateSummary> caCertificates() {
        return caPem == null ? List.of() : CaCertificates.summarise(caPem);
    }
}
