package dev.mailroom.mail;

import java.util.Locale;

import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.status.StatusSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * "Test connection" and "Send test email" for the signed-in admin's tenant, with the form as it is on the
 * page (saved or not; nothing is persisted). The outcome feeds the tenant's mail status.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class MailTests {

    private final SmtpSettingsService settings;
    private final SmtpConversations conversations;
    private final MailStatusService status;
    private final TestMailTexts texts;

    MailTests(SmtpSettingsService settings, SmtpConversations conversations, MailStatusService status, TestMailTexts texts) {
        this.settings = settings;
        this.conversations = conversations;
        this.status = status;
        this.texts = texts;
    }

    public ConversationReport testConnection(SmtpSettingsDraft draft) {
        return recorded(conversations.test(settings.resolve(draft)));
    }

    public ConversationReport sendTestEmail(SmtpSettingsDraft draft, String recipient, Locale language) {
        var target = settings.resolve(draft);
        var mail = new OutgoingMail(recipient.strip(), texts.subject(language), texts.body(language));
        return recorded(conversations.send(target, mail));
    }

    private ConversationReport recorded(ConversationReport report) {
        if (report.succeeded()) {
            status.recordSuccess(StatusSource.TEST);
        } else {
            var failed = report.failedStep().orElseThrow();
            status.recordProblem(MailHealth.ERROR, StatusSource.TEST,
                    failed.explanationKey() == null ? "mail.explain.unexpected" : failed.explanationKey(),
                    failed.kind() + ": " + failed.detail());
        }
        return report;
    }

    /** The test message's subject and body in the admin's language (from the UI bundles). */
    @org.springframework.stereotype.Component
    static class TestMailTexts {
        private final dev.mailroom.i18n.TranslationProvider translations;

        TestMailTexts(dev.mailroom.i18n.TranslationProvider translations) {
            this.translations = translations;
        }

        String subject(Locale language) {
            return translations.getTranslation("mail.test.subject", language);
        }

        String body(Locale language) {
            return translations.getTranslation("mail.test.body", language);
        }
    }
}
