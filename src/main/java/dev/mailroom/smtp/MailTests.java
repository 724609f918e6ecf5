package dev.mailroom.smtp;

import dev.mailroom.i18n.TranslationProvider;
import dev.mailroom.mail.ConversationReport;
import dev.mailroom.mail.OutgoingMail;
import dev.mailroom.mail.Sender;
import dev.mailroom.mail.SmtpConversations;
import dev.mailroom.mail.SmtpTarget;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.status.StatusSource;
import dev.mailroom.tenant.CurrentTenant;
import dev.mailroom.throttle.AttemptThrottle;
import dev.mailroom.throttle.OneTestPerTenant;
import dev.mailroom.throttle.TestAlreadyRunningException;
import dev.mailroom.throttle.ThrottledAction;
import dev.mailroom.throttle.TooManyAttemptsException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * "Test connection" and "Send test email" for the signed-in admin's tenant, with the form as it is on the
 * page (saved or not; nothing is persisted). The outcome feeds the tenant's mail status.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class MailTests {

    private final DraftTargets targets;
    private final SmtpConversations conversations;
    private final MailStatusService status;
    private final TranslationProvider translations;
    private final AttemptThrottle throttle;
    private final OneTestPerTenant oneAtATime;

    private final MeterRegistry meters;

    MailTests(
            DraftTargets targets,
            SmtpConversations conversations,
            MailStatusService status,
            TranslationProvider translations,
            AttemptThrottle throttle,
            OneTestPerTenant oneAtATime,
            MeterRegistry meters) {
        this.meters = meters;
        this.targets = targets;
        this.conversations = conversations;
        this.status = status;
        this.translations = translations;
        this.throttle = throttle;
        this.oneAtATime = oneAtATime;
    }

    /**
     * @throws TooManyAttemptsException     this admin, tenant or host has used up its attempts for now
     * @throws TestAlreadyRunningException  another admin of the tenant is testing right now
     */
    public ConversationReport testConnection(SmtpSettingsDraft draft) {
        var target = targets.custom(draft);
        return limited("connection", target, () -> conversations.test(target));
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
            problems.add(FieldProblem.of(
                    SmtpField.TEST_RECIPIENT,
                    recipient.isBlank() ? "smtp.error.required" : "smtp.error.recipient.invalid"));
        }
        SmtpTarget target = null;
        try {
            target = targets.serviceInUse(draft);
        } catch (InvalidSmtpSettingsException e) {
            problems.addAll(0, e.problems());
        }
        if (to == null || target == null) {
            throw new InvalidSmtpSettingsException(problems);
        }
        var mail = new OutgoingMail(
                to.address(),
                translations.getTranslation("mail.test.subject", language),
                translations.getTranslation("mail.test.body", language));
        var checked = target;
        return limited("email", checked, () -> conversations.send(checked, mail));
    }

    /**
     * Counts the attempt before anything connects (so attempts the egress policy refuses cost one too) and
     * runs at most one test per tenant at a time. Settings that fail validation cost nothing: they never
     * leave the server.
     */
    private ConversationReport limited(String kind, SmtpTarget target, Supplier<ConversationReport> conversation) {
        throttle.acquire(
                ThrottledAction.CONNECTION_TEST, target.tenantId(), CurrentTenant.requireAccount(), target.host());
        try (var lease = oneAtATime.begin()) {
            var sample = Timer.start(meters);
            var report = conversation.get();
            sample.stop(meters.timer("mailroom.smtp.tests", "kind", kind, "outcome", outcome(report)));
            return recorded(report);
        }
    }

    /** The failed step (a handful of kinds), never a server's words: bounded tag values. */
    private static String outcome(ConversationReport report) {
        return report.failedStep()
                .map(step -> "failed-" + step.kind().name().toLowerCase(java.util.Locale.ROOT))
                .orElse("ok");
    }

    private ConversationReport recorded(ConversationReport report) {
        if (report.succeeded()) {
            status.recordSuccess(StatusSource.TEST);
        } else {
            var failed = report.failedStep().orElseThrow();
            status.recordProblem(
                    MailHealth.ERROR,
                    StatusSource.TEST,
                    failed.explanationKey() == null ? "mail.explain.unexpected" : failed.explanationKey(),
                    // Every admin's banner shows this in their own language: the explanation says what failed,
                    // and the detail keeps only the server's or the library's own words. Mailroom's own words
                    // for a step have a translated form, shown in the report.
                    failed.detailKey() == null ? failed.detail() : null);
        }
        return report;
    }
}
