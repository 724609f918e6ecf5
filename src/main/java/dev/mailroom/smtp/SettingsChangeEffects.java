package dev.mailroom.smtp;

import dev.mailroom.audit.AuditLog;
import dev.mailroom.mail.SmtpTransport;
import dev.mailroom.oauth.TokenRequestFailedException;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.status.StatusSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What a Save or a Remove brings with it. The audit entry and the tenant's status are written in the change's own
 * transaction (all or nothing); the cached sessions and tokens are dropped once it committed, so no delivery picks
 * the old settings up again from a cache refilled before the commit.
 */
@Component
class SettingsChangeEffects {

    private final AuditLog audit;
    private final MailStatusService status;
    private final SmtpTransport transport;

    SettingsChangeEffects(AuditLog audit, MailStatusService status, SmtpTransport transport) {
        this.audit = audit;
        this.status = status;
        this.transport = transport;
    }

    @EventListener
    void audit(SmtpSettingsChanged change) {
        if (change.written()) {
            audit.record(
                    change.change() == SmtpSettingsChanged.Change.REMOVED
                            ? SmtpSettingsService.AUDIT_REMOVE
                            : SmtpSettingsService.AUDIT_SAVE,
                    change.fields());
        }
    }

    @EventListener
    void status(SmtpSettingsChanged change) {
        if (change.change() == SmtpSettingsChanged.Change.REMOVED) {
            status.clear();
        } else {
            expiry(change);
            token(change.tokenFailure());
        }
        if (change.written()) {
            status.announceSettingsChange();
        }
    }

    private void expiry(SmtpSettingsChanged change) {
        if (change.caExpiresSoon()) {
            status.recordProblem(MailHealth.WARNING, StatusSource.EXPIRY, CaCertificates.EXPIRES_SOON, null);
        } else {
            status.recordSuccess(StatusSource.EXPIRY);
        }
    }

    private void token(@org.jspecify.annotations.Nullable TokenRequestFailedException failure) {
        if (failure == null) {
            status.recordSuccess(StatusSource.SAVE);
            return;
        }
        var code = TokenRequestFailedException.providerCode(failure.errorCode());
        status.recordProblem(
                MailHealth.ERROR,
                StatusSource.SAVE,
                code.isPresent() ? "status.reason.oauth-token" : failure.explanationKey(),
                code.orElse(null));
    }

    @TransactionalEventListener
    void forgetCached(SmtpSettingsChanged change) {
        transport.forget(change.tenant());
    }
}
