package dev.mailroom.mail;

import java.util.ArrayList;
import java.util.Locale;

import dev.mailroom.i18n.TranslationProvider;
import dev.mailroom.smtp.FieldProblem;
import dev.mailroom.smtp.InvalidSmtpSettingsException;
import dev.mailroom.smtp.Sender;
import dev.mailroom.smtp.SmtpField;
import dev.mailroom.smtp.SmtpTarget;
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
    private final TranslationProvider translations;

    MailTests(SmtpSettingsService settings, SmtpConversations conversations, MailStatusService status,
              TranslationProvider translations) {
        this.settings = settings;
        this.conversations = conversations;
        this.status = status;
        this.translations = translations;
    }

    public ConversationReport testConnection(SmtpSettingsDraft draft) {
        return recorded(conversations.test(settings.resolve(draft)));
    }

    /**
     * Sends the test message. A recipient that is not one email address is refused before anything
     * connects, next to its field, and does not count against the tenant's mail status: the settings may
     * be fine.
     */
    public ConversationReport sendTestEmail(SmtpSettingsDraft draft, String recipient, Locale language) {
        var to = Sender.split("", recipient);
        var problems = new ArrayList<FieldProblem>();
        if (to == null) {
            problems.add(FieldProblem.of(SmtpField.TEST_RECIPIENT,
                    recipient.isBlank() ? "smtp.error.required" : "smtp.error.recipient.invalid"));
        }
        SmtpTarget target = null;
        try {
            target = settings.resolve(draft);
        } catch (InvalidSmtpSettingsException e) {
            problems.addAll(0, e.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidSmtpSettingsException(problems);
        }
        var mail = new OutgoingMail(to.address(), translations.getTranslation("mail.test.subject", language),
                translations.getTranslation("mail.test.body", language));
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
}
