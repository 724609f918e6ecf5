package dev.mailroom.api;

import dev.mailroom.i18n.Languages;
import dev.mailroom.i18n.TranslationProvider;
import dev.mailroom.mail.ConversationReport;
import dev.mailroom.mail.ConversationStep;
import dev.mailroom.smtp.MailTests;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.smtp.SmtpSettingsService;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/smtp-settings/test-connection}: the page's Test connection with the saved settings, under
 * the same rules (attempt limits, one test per tenant, egress policy) and with the same effect on the tenant's
 * mail status. The report is the page's, in the caller's language.
 */
@RestController
@RequestMapping("/api/v1")
class ConnectionTestEndpoint {

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

    ConnectionTestEndpoint(MailTests tests, SmtpSettingsService settings, TranslationProvider translations) {
        this.tests = tests;
        this.settings = settings;
        this.translations = translations;
    }

    @PostMapping("/smtp-settings/test-connection")
    TestReport testConnection(Locale locale) {
        var language = Languages.supportedOrDefault(locale.getLanguage());
        ConversationReport report =
                tests.testConnection(SmtpSettingsDraft.from(settings.load()).build());
        return new TestReport(
                report.succeeded(),
                report.steps().stream().map(s -> step(s, language)).toList(),
                report.transcript());
    }

    private Step step(ConversationStep s, Locale language) {
        String detail = s.detailKey() != null
                ? translations.getTranslation(
                        s.detailKey(), language, s.detailArgs().toArray())
                : s.detail();
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
