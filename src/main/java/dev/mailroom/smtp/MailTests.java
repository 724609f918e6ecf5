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
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final TransactionTemplate transaction;

    MailTests(
            DraftTargets targets,
            SmtpConversations conversations,
            MailStatusService status,
            TranslationProvider translations,
            AttemptThrottle throttle,
            OneTestPerTenant oneAtATime,
            MeterRegistry meters,
            TransactionTemplate transaction) {
        this.meters = meters;
        this.transaction = transaction;
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
        return limited("connection", () -> targets.custom(draft), conversations::test, report -> report);
    }

    /**
     * Sends the test message. A recipient that is not one email address is refused before anything
     * connects, next to its field, and does not count against the tenant's mail status: the settings may
     * be fine.
     */
    public ConversationReport sendTestEmail(SmtpSettingsDraft draft, String recipient, Locale language) {
        var to = Sender.split("", recipient);
        if (to == null) {
            var problems = new ArrayList<FieldProblem>();
            try {
                targets.serviceInUse(draft);
            } catch (InvalidSmtpSettingsException e) {
                problems.addAll(e.problems());
            }
            problems.add(FieldProblem.of(
                    SmtpField.TEST_RECIPIENT,
                    recipient.isBlank() ? "smtp.error.required" : "smtp.error.recipient.invalid"));
            throw new InvalidSmtpSettingsException(problems);
        }
        var mail = new OutgoingMail(
                to.address(),
                translations.getTranslation("mail.test.subject", language),
                translations.getTranslation("mail.test.body", language));
        // The default service is the operator's: a tenant learns whether its mail goes, not how the relay is set up.
        UnaryOperator<ConversationReport> shown = draft.mode() == MailMode.DEFAULT_SERVICE
                ? ConversationReport::withoutTheOperatorsDetails
                : report -> report;
        return limited("email", () -> targets.serviceInUse(draft), target -> conversations.send(target, mail), shown);
    }

    /** The form as a server to talk to, and the tenant's one test, taken together. */
    private record Begun(SmtpTarget target, OneTestPerTenant.Lease lease) {}

    /**
     * Runs at most one test per tenant at a time, and counts the attempt before anything connects (so attempts
     * the egress policy refuses cost one too). Settings that fail validation cost nothing: they never leave the
     * server. A test refused because another is running costs nothing either.
     * <p>
     * The form is read, the lease taken and the attempt counted in one transaction (an attempt the limits refuse
     * rolls the lease back with it), and the lease given back with the outcome recorded in another: each round
     * trip to PostgreSQL is one the admin waits for.
     */
    private ConversationReport limited(
            String kind,
            Supplier<SmtpTarget> form,
            Function<SmtpTarget, ConversationReport> conversation,
            UnaryOperator<ConversationReport> shown) {
        var begun = Objects.requireNonNull(transaction.execute(tx -> {
            var target = form.get();
            var lease = oneAtATime.begin();
            throttle.acquire(
                    ThrottledAction.CONNECTION_TEST, target.tenantId(), CurrentTenant.requireAccount(), target.host());
            return new Begun(target, lease);
        }));
        var target = begun.target();
        ConversationReport report;
        try {
            var sample = Timer.start(meters);
            report = shown.apply(conversation.apply(target));
            sample.stop(meters.timer("mailroom.smtp.tests", "kind", kind, "outcome", outcome(report)));
        } catch (RuntimeException e) {
            throw givenBack(begun.lease(), e);
        }
        try {
            transaction.executeWithoutResult(tx -> {
                begun.lease().close();
                recorded(report);
            });
        } catch (RuntimeException e) {
            // The outcome could not be recorded: the next test must not wait for the lease to expire.
            throw givenBack(begun.lease(), e);
        }
        return report;
    }

    private static RuntimeException givenBack(OneTestPerTenant.Lease lease, RuntimeException failure) {
        try {
            lease.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    /** The failed step (a handful of kinds), never a server's words: bounded tag values. */
    private static String outcome(ConversationReport report) {
        return report.failedStep()
                .map(step -> "failed-" + step.kind().name().toLowerCase(Locale.ROOT))
                .orElse("ok");
    }

    private void recorded(ConversationReport report) {
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
    }
}
