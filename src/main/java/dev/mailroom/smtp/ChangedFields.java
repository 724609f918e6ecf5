package dev.mailroom.smtp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Which settings a save changed, by name, for the audit trail (secrets by name only, never by value). */
final class ChangedFields {

    private static final Map<String, Function<SmtpSettingsRow, @Nullable Object>> AUDITED = new LinkedHashMap<>();

    static {
        AUDITED.put("mode", SmtpSettingsRow::mode);
        AUDITED.put("host", SmtpSettingsRow::host);
        AUDITED.put("port", SmtpSettingsRow::port);
        AUDITED.put("security", SmtpSettingsRow::security);
        AUDITED.put("minTls", SmtpSettingsRow::minTls);
        AUDITED.put("trust", SmtpSettingsRow::trust);
        AUDITED.put("caCertificate", SmtpSettingsRow::caPem);
        AUDITED.put("senderName", SmtpSettingsRow::senderName);
        AUDITED.put("senderAddress", SmtpSettingsRow::senderAddress);
        AUDITED.put("authType", SmtpSettingsRow::authType);
        AUDITED.put("username", SmtpSettingsRow::username);
        AUDITED.put("oauthProvider", SmtpSettingsRow::oauthProvider);
        AUDITED.put("oauthDirectoryId", SmtpSettingsRow::oauthDirectoryId);
        AUDITED.put("oauthClientId", SmtpSettingsRow::oauthClientId);
        AUDITED.put("oauthTokenUrl", SmtpSettingsRow::oauthTokenUrl);
        AUDITED.put("oauthScope", SmtpSettingsRow::oauthScope);
        AUDITED.put("ratePerMinute", SmtpSettingsRow::ratePerMinute);
        AUDITED.put("ratePerDay", SmtpSettingsRow::ratePerDay);
    }

    private ChangedFields() {}

    static List<String> between(@Nullable SmtpSettingsRow before, SmtpSettingsRow after, SmtpSettingsDraft draft) {
        var changed = new ArrayList<String>();
        AUDITED.forEach((name, field) -> {
            if (before == null
                    ? field.apply(after) != null
                    : !Objects.equals(field.apply(before), field.apply(after))) {
                changed.add(name);
            }
        });
        if (entered(draft.newPassword())
                || before != null && before.passwordCiphertext() != null && after.passwordCiphertext() == null) {
            changed.add("password");
        }
        if (entered(draft.newClientSecret())
                || before != null
                        && before.clientSecretCiphertext() != null
                        && after.clientSecretCiphertext() == null) {
            changed.add("clientSecret");
        }
        return changed;
    }

    private static boolean entered(@Nullable String secret) {
        return secret != null && !secret.isEmpty();
    }
}
