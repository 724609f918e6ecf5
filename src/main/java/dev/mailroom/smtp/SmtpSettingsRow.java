package dev.mailroom.smtp;

import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mail.TlsVersion;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** The stored row, ciphertexts included. Never leaves this package. */
@Table("smtp_settings")
record SmtpSettingsRow(
        @Id UUID tenantId,
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
        @Nullable Integer ratePerMinute,
        @Nullable Integer ratePerDay,
        byte @Nullable [] passwordCiphertext,
        byte @Nullable [] clientSecretCiphertext,
        @Nullable String secretKeyId,
        Instant updatedAt,
        String updatedBy,
        @Version @Nullable Long version) {

    /** Validated custom settings as a row, with their one secret sealed in the column of its kind. */
    static SmtpSettingsRow custom(
            UUID tenantId,
            ValidSettings v,
            byte @Nullable [] sealedSecret,
            @Nullable String secretKeyId,
            Instant at,
            String by,
            @Nullable Long version) {
        return new SmtpSettingsRow(
                tenantId,
                MailMode.CUSTOM,
                v.host(),
                v.port(),
                v.security(),
                v.minTls(),
                v.trust(),
                v.caPem(),
                v.senderName(),
                v.senderAddress(),
                v.authType(),
                v.username(),
                v.oauthProvider(),
                v.oauthDirectoryId(),
                v.oauthClientId(),
                v.oauthTokenUrl(),
                v.oauthScope(),
                v.rate().perMinute(),
                v.rate().perDay(),
                v.authType() == AuthType.BASIC ? sealedSecret : null,
                v.authType() == AuthType.OAUTH2 ? sealedSecret : null,
                secretKeyId,
                at,
                by,
                version);
    }

    /** Custom settings as saved: they passed validation then, so they are in normal form. */
    ValidSettings valid() {
        return new ValidSettings(
                Objects.requireNonNull(host),
                Objects.requireNonNull(port),
                security,
                minTls,
                trust,
                caPem,
                Objects.requireNonNullElse(senderName, ""),
                Objects.requireNonNull(senderAddress),
                authType,
                username,
                oauthProvider,
                oauthDirectoryId,
                oauthClientId,
                oauthTokenUrl,
                oauthScope,
                rate());
    }

    SendingRate rate() {
        return new SendingRate(ratePerMinute, ratePerDay);
    }

    SmtpSettings toSettings() {
        return new SmtpSettings(
                mode,
                host,
                port,
                security,
                minTls,
                trust,
                caPem,
                senderName,
                senderAddress,
                authType,
                username,
                oauthProvider,
                oauthDirectoryId,
                oauthClientId,
                oauthTokenUrl,
                oauthScope,
                rate(),
                passwordCiphertext != null,
                clientSecretCiphertext != null,
                version,
                updatedAt,
                updatedBy);
    }

    SmtpSettingsRow withMode(MailMode newMode, Instant at, String by) {
        return new SmtpSettingsRow(
                tenantId,
                newMode,
                host,
                port,
                security,
                minTls,
                trust,
                caPem,
                senderName,
                senderAddress,
                authType,
                username,
                oauthProvider,
                oauthDirectoryId,
                oauthClientId,
                oauthTokenUrl,
                oauthScope,
                ratePerMinute,
                ratePerDay,
                passwordCiphertext,
                clientSecretCiphertext,
                secretKeyId,
                at,
                by,
                version);
    }
}
