package dev.mailroom.api;

import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mail.TlsVersion;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.CertificateTrust;
import dev.mailroom.smtp.MailMode;
import dev.mailroom.smtp.OAuthProvider;
import dev.mailroom.smtp.SmtpSettings;
import dev.mailroom.smtp.SmtpSettingsDraft;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The SMTP settings as a script writes them: the shape of what {@code GET /api/v1/smtp-settings} answers, with the
 * secrets as write-only fields. A secret left out keeps the stored one, like a blank secret field on the page (and
 * the page's rules apply: a changed server needs the password again). {@code caPem} is the certificate to trust;
 * left out, or the stored one, keeps the stored one.
 */
@Schema(name = "SmtpSettingsChange")
record SettingsChange(
        @Schema(
                example = "CUSTOM",
                allowableValues = {"DEFAULT_SERVICE", "CUSTOM"})
        @Nullable
        String mode,

        @Schema(example = "smtp.example.com") @Nullable String host,

        @Schema(example = "587", description = "Left out: 25, 465 or 587 by the connection security") @Nullable
        Integer port,

        @Schema(
                example = "STARTTLS",
                allowableValues = {"NONE", "SSL_TLS", "STARTTLS"})
        @Nullable
        String security,

        @Schema(
                example = "TLS_1_2",
                allowableValues = {"TLS_1_2", "TLS_1_3"})
        @Nullable
        String minTls,

        @Schema(
                example = "DEFAULT",
                allowableValues = {"DEFAULT", "CUSTOM"})
        @Nullable
        String trust,

        @Schema(description = "PEM certificate(s) to trust when trust is CUSTOM") @Nullable
        String caPem,

        @Nullable Sender sender,
        @Nullable Authentication authentication) {

    record Sender(
            @Schema(example = "Acme Support") @Nullable String name,

            @Schema(example = "support@acme.example") @Nullable
            String address) {}

    record Authentication(
            @Schema(
                    example = "BASIC",
                    allowableValues = {"NONE", "BASIC", "OAUTH2"})
            @Nullable
            String type,

            @Schema(example = "support@acme.example") @Nullable
            String username,

            @Schema(description = "Write-only. Left out: the stored password is kept", example = "app-password")
            @Nullable
            String password,

            @Nullable OAuth oauth) {}

    record OAuth(
            @Schema(
                    example = "MICROSOFT",
                    allowableValues = {"MICROSOFT", "OTHER"})
            @Nullable
            String provider,

            @Schema(description = "Microsoft Entra directory (tenant) id") @Nullable
            String directoryId,

            @Nullable String clientId,

            @Schema(description = "Token URL of any other provider") @Nullable
            String tokenUrl,

            @Nullable String scope,

            @Schema(description = "Write-only. Left out: the stored secret is kept") @Nullable
            String clientSecret) {}

    /** The stored settings in this shape, without secrets: what a merge patch is applied to. */
    static SettingsChange of(SmtpSettings s) {
        return new SettingsChange(
                s.mode().name(),
                s.host(),
                s.port(),
                s.security().name(),
                s.minTls().name(),
                s.trust().name(),
                s.caPem(),
                new Sender(s.senderName(), s.senderAddress()),
                new Authentication(
                        s.authType().name(),
                        s.username(),
                        null,
                        new OAuth(
                                s.oauthProvider() == null
                                        ? null
                                        : s.oauthProvider().name(),
                                s.oauthDirectoryId(),
                                s.oauthClientId(),
                                s.oauthTokenUrl(),
                                s.oauthScope(),
                                null)));
    }

    /**
     * What the page would submit for these values, against the stored settings and the version the caller
     * names.
     *
     * @throws UnknownValueException a field holds a value outside the ones it takes
     */
    SmtpSettingsDraft toDraft(SmtpSettings stored, @Nullable Long expectedVersion) {
        var auth = Objects.requireNonNullElse(authentication, new Authentication(null, null, null, null));
        var oauth = Objects.requireNonNullElse(auth.oauth(), new OAuth(null, null, null, null, null, null));
        var from = Objects.requireNonNullElse(sender, new Sender(null, null));
        var draft = SmtpSettingsDraft.builder()
                .mode(UnknownValueException.oneOf("mode", MailMode.values(), mode, null))
                .host(text(host))
                .port(port)
                .security(UnknownValueException.oneOf(
                        "security", ConnectionSecurity.values(), security, ConnectionSecurity.STARTTLS))
                .minTls(UnknownValueException.oneOf("minTls", TlsVersion.values(), minTls, TlsVersion.TLS_1_2))
                .trust(UnknownValueException.oneOf("trust", CertificateTrust.values(), trust, CertificateTrust.DEFAULT))
                .newCaPem(caPem == null || caPem.isBlank() || caPem.equals(stored.caPem()) ? null : caPem)
                .senderName(text(from.name()))
                .senderAddress(text(from.address()))
                .authType(UnknownValueException.oneOf(
                        "authentication.type", AuthType.values(), auth.type(), AuthType.NONE))
                .username(text(auth.username()))
                .newPassword(auth.password())
                .oauthProvider(UnknownValueException.oneOf(
                        "authentication.oauth.provider",
                        OAuthProvider.values(),
                        oauth.provider(),
                        OAuthProvider.MICROSOFT))
                .oauthDirectoryId(text(oauth.directoryId()))
                .oauthClientId(text(oauth.clientId()))
                .oauthTokenUrl(text(oauth.tokenUrl()))
                .oauthScope(text(oauth.scope()))
                .newClientSecret(oauth.clientSecret())
                .expectedVersion(expectedVersion);
        return draft.build();
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
