package dev.mailroom.smtp;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The settings were saved. {@code valid} is false when they were saved but cannot work, e.g. the OAuth 2.0
 * token endpoint refused the client ({@code invalidReason} is the provider's error code, {@code
 * invalidExplanationKey} the translation key of what to check, taking that code). Warnings are translation
 * keys (e.g. a certificate that expires soon).
 */
public record SaveOutcome(
        SmtpSettings settings,
        boolean valid,
        @Nullable String invalidReason,
        @Nullable String invalidExplanationKey,
        List<String> warnings) {

    static SaveOutcome valid(SmtpSettings settings, List<String> warnings) {
        return new SaveOutcome(settings, true, null, null, warnings);
    }
}
