package dev.mailroom.api;

import dev.mailroom.i18n.Languages;
import dev.mailroom.i18n.TranslationProvider;
import dev.mailroom.mail.ConversationReport;
import dev.mailroom.mail.ConversationStep;
import dev.mailroom.smtp.MailTests;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.smtp.SmtpSettingsService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The page's two tests on the saved settings, under the same rules (attempt limits, one test per tenant, egress
 * policy) and with the same effect on the tenant's mail status; the report is the page's, in the caller's
 * language. {@code POST /api/v1/smtp-settings/test-connection} tests the custom settings; {@code POST
 * /api/v1/smtp-settings/test-email} sends the test email through the service in use (default or custom).
 */
@RestController
@Tag(name = "Tests")
@RequestMapping("/api/v1")
class MailTestsEndpoint {

    /** @param to the one address the test email goes to (missing: refused like an empty field on the page) */
    record TestEmailRequest(
            @Schema(example = "ada@acme.example") @Nullable String to) {}

    record Step(
            String step,
            boolean ok,
            @Nullable Long tookMs,
            String detail,
            @Nullable String explanation) {}

    record TestReport(boolean succeeded, List<Step> steps, List<String> transcript) {}

    private final MailTests tests;
    private final SmtpSettingsService settings;
    private final TranslationProvider translations;

    MailTestsEndpoint(MailTests tests, SmtpSettingsService settings, TranslationProvider translations) {
        this.tests = tests;
        this.settings = settings;
        this.translations = translations;
    }

    @Operation(
            summary = "Test the connection with the saved custom settings",
            description =
                    "Connects, secures, authenticates and says goodbye, as Test on the page does: the same attempt limits (429), one test per tenant at a time (409), the egress policy, and the same effect on the mail status. The report lists each step and the transcript (never a secret).")
    @PostMapping("/smtp-settings/test-connection")
    TestReport testConnection(Locale locale) {
        return report(
                tests.testConnection(SmtpSettingsDraft.from(settings.load()).build()), locale);
    }

    @Operation(
            summary = "Send a test email through the mail service in use",
            description =
                    "The default service or the custom settings, under the same rules as the page's Send test email.")
    @PostMapping("/smtp-settings/test-email")
    TestReport testEmail(@RequestBody TestEmailRequest request, Locale locale) {
        var language = Languages.supportedOrDefault(locale.getLanguage());
        return report(
                tests.sendTestEmail(
                        SmtpSettingsDraft.from(settings.load()).build(),
                        java.util.Objects.requireNonNullElse(request.to(), ""),
                        language),
                language);
    }

    private TestReport report(ConversationReport report, Locale language) {
        return new TestReport(
                report.succeeded(),
                report.steps().stream().map(s -> step(s, language)).toList(),
                report.transcript());
    }

    private Step step(ConversationStep s, Locale language) {
        String detail = s.detailFor((key, args) -> translations.getTranslation(key, language, args));
        String explanation = s.explanationKey() == null
                ? null
                : translations.getTranslation(
                        s.explanationKey(), language, s.explanationArgs().toArray());
        return new Step(
                translations.getTranslation("mail.step." + s.kind().name(), language),
                s.ok(),
                s.took() == null ? null : s.took().toMillis(),
                detail,
                explanation);
    }
}
