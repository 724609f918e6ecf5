package dev.mailroom.smtp;

import dev.mailroom.oauth.TokenRequestFailedException;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
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

    /**
     * What the admin is told: "updated", or "updated but invalid" with what to check. The provider's error code
     * is quoted as it is; Mailroom's own codes are English words, so they are said through their explanation.
     */
    public String messageFor(BiFunction<String, Object[], String> translate) {
        if (valid) {
            return translate.apply("smtp.saved", new Object[0]);
        }
        String code = String.valueOf(invalidReason);
        String advice = translate.apply(
                Objects.requireNonNullElse(invalidExplanationKey, "mail.explain.token-failed"), new Object[] {code});
        return TokenRequestFailedException.providerCode(code)
                .map(c -> translate.apply("smtp.saved-invalid", new Object[] {c, advice}))
                .orElseGet(() -> translate.apply("smtp.saved-invalid.no-answer", new Object[] {advice}));
    }

    static SaveOutcome valid(SmtpSettings settings, List<String> warnings) {
        return new SaveOutcome(settings, true, null, null, warnings);
    }
}
