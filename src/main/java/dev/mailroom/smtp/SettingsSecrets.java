package dev.mailroom.smtp;

import dev.mailroom.secrets.SealedSecret;
import dev.mailroom.secrets.Secret;
import dev.mailroom.secrets.SecretCipher;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The one secret a tenant's settings hold (the password for Basic, the client secret for OAuth 2.0): which one
 * a draft means (typed now, or kept from the stored row), sealed for the row and opened from it, each bound
 * to its tenant and purpose so a ciphertext copied to another tenant's row does not open.
 */
@Component
class SettingsSecrets {

    private final SecretCipher cipher;

    SettingsSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** The secret the draft's authentication uses, or null without authentication. */
    @Nullable
    Secret chosen(
            SmtpSettingsDraft draft,
            SmtpSettingsValidator.Result validated,
            @Nullable SmtpSettingsRow stored,
            UUID tenant) {
        return switch (validated.settings().authType()) {
            case NONE -> null;
            case BASIC ->
                validated.keepPassword()
                        ? stored(Objects.requireNonNull(stored), tenant)
                        : Secret.of(Objects.requireNonNull(draft.newPassword()));
            case OAUTH2 ->
                validated.keepClientSecret()
                        ? stored(Objects.requireNonNull(stored), tenant)
                        : Secret.of(Objects.requireNonNull(draft.newClientSecret()));
        };
    }

    /** The stored row's secret, opened for this one use; null when its authentication has none. */
    @Nullable
    Secret stored(SmtpSettingsRow row, UUID tenant) {
        byte[] ciphertext = switch (row.authType()) {
            case NONE -> null;
            case BASIC -> row.passwordCiphertext();
            case OAUTH2 -> row.clientSecretCiphertext();
        };
        if (ciphertext == null) {
            return null;
        }
        var sealed = new SealedSecret(Objects.requireNonNull(row.secretKeyId()), ciphertext);
        return Secret.of(cipher.open(sealed, boundTo(tenant, purpose(row.authType()))));
    }

    /** Sealed with the current key, so a save also moves a kept secret to a rotated key. */
    byte[] seal(Secret secret, AuthType authType, UUID tenant) {
        return cipher.seal(secret.reveal(), boundTo(tenant, purpose(authType))).ciphertext();
    }

    String currentKeyId() {
        return cipher.currentKeyId();
    }

    private static String purpose(AuthType authType) {
        return authType == AuthType.OAUTH2 ? "client-secret" : "password";
    }

    static String boundTo(UUID tenant, String purpose) {
        return "smtp:" + tenant + ":" + purpose;
    }
}
