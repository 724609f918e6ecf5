package dev.mailroom.users;

import dev.mailroom.i18n.TranslationProvider;
import dev.mailroom.outbox.MailKind;
import dev.mailroom.outbox.Outbox;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.throttle.AttemptThrottle;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Forgot password?": whoever asks gets the same answer at the same speed, whether the address has an
 * account or not. The lookup and the mail happen after the answer, on another thread; only the limits
 * (per address, per client) are checked before it.
 */
@Service
public class PasswordResets {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    private final AttemptThrottle throttle;
    private final LoginAccounts accounts;
    private final OperatorResetMail operatorMail;
    private final UserRepository users;
    private final AccountLinks links;
    private final Outbox outbox;
    private final TranslationProvider translations;
    private final TransactionTemplate transaction;
    private final TaskExecutor executor;

    PasswordResets(
            AttemptThrottle throttle,
            LoginAccounts accounts,
            OperatorResetMail operatorMail,
            UserRepository users,
            AccountLinks links,
            Outbox outbox,
            TranslationProvider translations,
            TransactionTemplate transaction,
            TaskExecutor executor) {
        this.throttle = throttle;
        this.accounts = accounts;
        this.operatorMail = operatorMail;
        this.users = users;
        this.links = links;
        this.outbox = outbox;
        this.translations = translations;
        this.transaction = transaction;
        this.executor = executor;
    }

    /**
     * @param client the asking client's IP address
     * @throws dev.mailroom.throttle.TooManyAttemptsException     too many requests for this address or from this client
     * @throws dev.mailroom.throttle.ThrottleUnavailableException the limits could not be checked; nothing is sent
     */
    public void request(String email, String client, Locale language) {
        throttle.acquirePasswordReset(email, client);
        executor.execute(() -> {
            try {
                send(email.strip(), language);
            } catch (RuntimeException e) {
                log.error("A password reset mail could not be queued", e);
            }
        });
    }

    /**
     * The link goes out through the mail service of the tenant the person used last (a person's password is the
     * same everywhere); for a person who is only an operator, through the deployment's default service.
     */
    private void send(String email, Locale language) {
        var account = accounts.find(email);
        var seat = account.stream()
                .flatMap(a -> a.seats().stream())
                .filter(s -> !s.operator())
                .findFirst();
        if (seat.isEmpty()) {
            account.flatMap(a -> a.seats().stream().filter(Seat::operator).findFirst())
                    .ifPresent(operator -> operatorMail.send(
                            operator.accountId(), account.get().email(), operator.displayName(), language));
            return;
        }
        var tenant = java.util.Objects.requireNonNull(seat.get().tenantId());
        TenantContext.callAsTenant(
                tenant,
                () -> transaction.execute(tx -> {
                    users.findByIdAndTenantId(seat.get().accountId(), tenant)
                            .filter(User::enabled)
                            .ifPresent(user -> {
                                String link = links.issue(user.tenantId(), user.id(), LinkPurpose.PASSWORD_RESET);
                                outbox.enqueueWithLink(
                                        MailKind.PASSWORD_RESET,
                                        user.email(),
                                        translations.getTranslation("mail.reset.subject", language),
                                        translations.getTranslation(
                                                "mail.reset.body",
                                                language,
                                                user.displayName(),
                                                link,
                                                LinkPurpose.PASSWORD_RESET
                                                        .validity()
                                                        .toMinutes()),
                                        link);
                            });
                    return null;
                }));
    }
}
