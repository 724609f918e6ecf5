package dev.mailroom.api;

import dev.mailroom.smtp.SmtpSettings;
import dev.mailroom.smtp.SmtpSettingsService;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/smtp-settings}: the tenant's settings as the SMTP page shows them. Secrets are never in it,
 * only whether one is stored; the ETag is the settings' version (for If-Match when writing arrives).
 */
@RestController
@RequestMapping("/api/v1")
class SmtpSettingsEndpoint {

    record OAuth(
            @Nullable String provider,
            @Nullable String directoryId,
            @Nullable String clientId,
            @Nullable String tokenUrl,
            @Nullable String scope,
            boolean clientSecretStored) {}

    record Authentication(
            String type,
            @Nullable String username,
            boolean passwordStored,
            @Nullable OAuth oauth) {}

    record Sender(@Nullable String name, @Nullable String address) {}

    record SmtpSettingsResponse(
            String mode,
            @Nullable String host,
            @Nullable Integer port,
            String security,
            String minTls,
            String trust,
            @Nullable String caPem,
            Sender sender,
            Authentication authentication,
            @Nullable Instant updatedAt,
            @Nullable String updatedBy) {}

    private final SmtpSettingsService settings;

    SmtpSettingsEndpoint(SmtpSettingsService settings) {
        this.settings = settings;
    }

    @GetMapping("/smtp-settings")
    ResponseEntity<SmtpSettingsResponse> smtpSettings() {
        var s = settings.load();
        var response = ResponseEntity.ok();
        if (s.version() != null) {
            response.eTag("\"" + s.version() + "\"");
        }
        return response.body(of(s));
    }

    private static SmtpSettingsResponse of(SmtpSettings s) {
        var oauth = s.oauthProvider() == null && s.oauthClientId() == null
                ? null
                : new OAuth(
                        s.oauthProvider() == null ? null : s.oauthProvider().name(),
                        s.oauthDirectoryId(),
                        s.oauthClientId(),
                        s.oauthTokenUrl(),
                        s.oauthScope(),
                        s.clientSecretStored());
        return new SmtpSettingsResponse(
                s.mode().name(),
                s.host(),
                s.port(),
                s.security().name(),
                s.minTls().name(),
                s.trust().name(),
                s.caPem(),
                new Sender(s.senderName(), s.senderAddress()),
                new Authentication(s.authType().name(), s.username(), s.passwordStored(), oauth),
                s.updatedAt(),
                s.updatedBy());
    }
}
