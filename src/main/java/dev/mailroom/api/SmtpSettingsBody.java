package dev.mailroom.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonProperty.Access;
import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mail.TlsVersion;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.CertificateTrust;
import dev.mailroom.smtp.MailMode;
import dev.mailroom.smtp.OAuthProvider;
import dev.mailroom.smtp.SendingRate;
import dev.mailroom.smtp.SmtpSettings;
import dev.mailroom.smtp.SmtpSettingsDraft;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The SMTP settings as the API reads and writes them: one shape, so that a script can read them, change a field
 * and write them back. The secrets are write-only (never answered; left out, the stored one is kept, like a blank
 * secret field on the page, under the page's rule that a changed server needs it again); whether one is stored and
 * who changed the settings when are read-only (ignored when written). {@code caPem} is the certificate to trust;
 * the stored one, or none, keeps the stored one.
 */
@Schema(name = "SmtpSettings")
record SmtpSettingsBody(
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
        @Nullable Authentication authentication,

        @Schema(description = "The provider's sending limits: mail above them waits in the queue. Left out: none")
        @Nullable
        Rate rate,

        @JsonProperty(access = Access.READ_ONLY) @Nullable Instant updatedAt,

        @JsonProperty(access = Access.READ_ONLY) @Schema(example = "Ada Lovelace (API: deploy)") @Nullable
        String updatedBy) {

    record Sender(
            @Schema(example = "Acme Support") @Nullable String name,

            @Schema(example = "support@acme.example") @Nullable
            String address) {}

    record Rate(
            @Schema(example = "30", description = "At most this many messages a minute, spaced evenly") @Nullable
            Integer perMinute,

            @Schema(example = "10000", description = "At most this many messages a day") @Nullable
            Integer perDay) {}

    record Authentication(
            @Schema(
                    example = "BASIC",
                    allowableValues = {"NONE", "BASIC", "OAUTH2"})
            @Nullable
            String type,

            @Schema(example = "support@acme.example") @Nullable
            String username,

            @JsonProperty(access = Access.WRITE_ONLY)
            @Schema(description = "Write-only. Left out: the stored password is kept", example = "app-password")
            @Nullable
            String password,

            @JsonProperty(access = Access.READ_ONLY) @Nullable
            Boolean passwordStored,

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

            @JsonProperty(access = Access.WRITE_ONLY)
            @Schema(description = "Write-only. Left out: the stored secret is kept")
            @Nullable
            String clientSecret,

            @JsonProperty(access = Access.READ_ONLY) @Nullable
            Boolean clientSecretStored) {}

    /** The stored settings in this shape: never a secret, only whether one is stored. */
    static SmtpSettingsBody of(SmtpSettings s) {
        var oauth = s.oauthProvider() == null && s.oauthClientId() == null
                ? null
                : new OAuth(
                        s.oauthProvider() == null ? null : s.oauthProvider().name(),
                        s.oauthDirectoryId(),
                        s.oauthClientId(),
                        s.oauthTokenUrl(),
                        s.oauthScope(),
                        null,
                        s.clientSecretStored());
        return new SmtpSettingsBody(
                s.mode().name(),
                s.host(),
                s.port(),
                s.security().name(),
                s.minTls().name(),
                s.trust().name(),
                s.caPem(),
                new Sender(s.senderName(), s.senderAddress()),
                new Authentication(s.authType().name(), s.username(), null, s.passwordStored(), oauth),
                s.rate().paced() ? new Rate(s.rate().perMinute(), s.rate().perDay()) : null,
                s.updatedAt(),
                s.updatedBy());
    }

    /**
     * What the page would submit for these values, against the stored settings and the version the caller
     * names.
     *
     * @throws UnknownValueException a field holds a value outside the ones it takes
     */
    SmtpSettingsDraft toDraft(SmtpSettings stored, @Nullable Long expectedVersion) {
        var auth = Objects.requireNonNullElse(authentication, new Authentication(null, null, null, null, null));
        var oauth = Objects.requireNonNullElse(auth.oauth(), new OAuth(null, null, null, null, null, null, null));
        var from = Objects.requireNonNullElse(sender, new Sender(null, null));
        return SmtpSettingsDraft.builder()
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
                .rate(rate == null ? SendingRate.NONE : new SendingRate(rate.perMinute(), rate.perDay()))
                .expectedVersion(expectedVersion)
                .build();
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
