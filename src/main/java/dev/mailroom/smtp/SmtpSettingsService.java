package dev.mailroom.smtp;

import dev.mailroom.audit.AuditEvent;
import dev.mailroom.audit.AuditLog;
import dev.mailroom.oauth.ClientCredentials;
import dev.mailroom.oauth.ClientCredentialsClient;
import dev.mailroom.oauth.TokenRequestFailedException;
import dev.mailroom.tenant.CurrentTenant;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.tenant.TenantMember;
import dev.mailroom.throttle.AttemptThrottle;
import dev.mailroom.throttle.ThrottledAction;
import dev.mailroom.throttle.TooManyAttemptsException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SMTP settings of the signed-in admin's tenant: load, save, remove. Validation, the secret rules,
 * encryption, optimistic locking, the audit trail and the mail status all happen here, whatever the page did.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class SmtpSettingsService {

    static final String AUDIT_SAVE = "smtp.save";
    static final String AUDIT_REMOVE = "smtp.remove";
    private static final Logger log = LoggerFactory.getLogger(SmtpSettingsService.class);

    private final SmtpSettingsRepository settings;
    private final SmtpSettingsValidator validator;
    private final SettingsSecrets secrets;
    private final AuditLog audit;
    private final ClientCredentialsClient tokens;
    private final CertificateUploadScan uploads;
    private final TransactionTemplate transaction;
    private final TransactionTemplate reading;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;
    private final AttemptThrottle throttle;
    private final TenantMailTargets targets;

    SmtpSettingsService(
            SmtpSettingsRepository settings,
            SmtpSettingsValidator validator,
            SettingsSecrets secrets,
            AuditLog audit,
            ClientCredentialsClient tokens,
            CertificateUploadScan uploads,
            TransactionTemplate transaction,
            org.springframework.context.ApplicationEventPublisher events,
            Clock clock,
            AttemptThrottle throttle,
            TenantMailTargets targets) {
        this.throttle = throttle;
        this.targets = targets;
        this.settings = settings;
        this.validator = validator;
        this.secrets = secrets;
        this.audit = audit;
        this.tokens = tokens;
        this.uploads = uploads;
        this.transaction = transaction;
        this.reading = new TransactionTemplate(Objects.requireNonNull(transaction.getTransactionManager()));
        this.reading.setReadOnly(true);
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public SmtpSettings load() {
        return settings.findById(CurrentTenant.require())
                .map(SmtpSettingsRow::toSettings)
                .orElseGet(SmtpSettings::defaultService);
    }

    /** Where mail goes with these saved settings: them, or whichever default service this deployment has. */
    public MailServiceInUse serviceInUse(SmtpSettings saved) {
        return saved.mode() == MailMode.CUSTOM ? MailServiceInUse.CUSTOM : targets.defaultService();
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> recentChanges(int limit) {
        return audit.recent("smtp.", limit);
    }

    /**
     * Checks, asks the token endpoint (OAuth 2.0) whether the client is accepted, then saves in one write
     * transaction whose effects (audit, status, the other nodes, the caches) listen for {@link SmtpSettingsChanged}.
     * Settings the token endpoint refuses are saved all the same, marked invalid.
     *
     * @throws TooManyAttemptsException this admin or tenant has saved too often for now; nothing changed
     */
    public SaveOutcome save(SmtpSettingsDraft draft) {
        UUID tenant = CurrentTenant.require();
        throttle.acquire(ThrottledAction.SAVE, tenant, CurrentTenant.requireAccount(), null);
        if (draft.newCaPem() != null && draft.mode() == MailMode.CUSTOM) {
            uploads.scan(draft.newCaPem(), tenant);
        }
        var plan = Objects.requireNonNull(reading.execute(tx -> plan(tenant, draft)));
        // Asked before the write and outside any transaction: a slow token endpoint holds no connection.
        var tokenFailure = plan.tokenCheck() == null ? null : tokenFailure(plan.tokenCheck(), tenant);
        var saved = Objects.requireNonNull(transaction.execute(tx -> write(tenant, draft, plan, tokenFailure)));
        if (tokenFailure == null) {
            return SaveOutcome.valid(saved, plan.warnings());
        }
        return new SaveOutcome(saved, false, tokenFailure.errorCode(), tokenFailure.explanationKey(), plan.warnings());
    }

    private @Nullable TokenRequestFailedException tokenFailure(ClientCredentials client, UUID tenant) {
        try {
            tokens.obtain(client);
            return null;
        } catch (TokenRequestFailedException e) {
            log.info(
                    "Saving SMTP settings of tenant {}: the OAuth 2.0 token request failed: {}", tenant, e.errorCode());
            return e;
        }
    }

    /** Whether uploads are virus-scanned in this deployment (the page says so when they are not). */
    public boolean uploadsAreScanned() {
        return uploads.scanned();
    }

    /** Wipes every setting, secret and certificate of the tenant: back to the default mail service. */
    public void remove(@Nullable Long expectedVersion) {
        UUID tenant = CurrentTenant.require();
        transaction.executeWithoutResult(tx -> {
            var stored = settings.findById(tenant).orElse(null);
            if (stored == null) {
                return;
            }
            requireVersion(stored, expectedVersion);
            try {
                settings.delete(stored);
            } catch (OptimisticLockingFailureException e) {
                throw new ConcurrentEditException();
            }
            events.publishEvent(SmtpSettingsChanged.removed(tenant));
        });
    }

    /**
     * What a Save will write, worked out from the stored settings as read now.
     *
     * @param row the row to write; null when nothing changes (the default service, kept)
     */
    private record Plan(
            @Nullable SmtpSettings unchanged,
            @Nullable SmtpSettingsRow row,
            List<String> fields,
            List<String> warnings,
            @Nullable ClientCredentials tokenCheck) {}

    private Plan plan(UUID tenant, SmtpSettingsDraft draft) {
        var stored = settings.findById(tenant).orElse(null);
        requireVersion(stored, draft.expectedVersion());
        var now = clock.instant();
        if (draft.mode() == MailMode.DEFAULT_SERVICE) {
            if (stored == null || stored.mode() == MailMode.DEFAULT_SERVICE) {
                return new Plan(
                        stored == null ? SmtpSettings.defaultService() : stored.toSettings(),
                        null,
                        List.of(),
                        List.of(),
                        null);
            }
            return new Plan(
                    null,
                    stored.withMode(MailMode.DEFAULT_SERVICE, now, actorName()),
                    List.of("mode"),
                    List.of(),
                    null);
        }
        var result = validator.validate(draft, stored, now);
        var v = result.settings();
        var secret = secrets.chosen(draft, result, stored, tenant);
        var sealed = secret == null ? null : secrets.seal(secret, v.authType(), tenant);
        var row = SmtpSettingsRow.custom(
                tenant,
                v,
                sealed,
                secret == null ? null : secrets.currentKeyId(),
                now,
                actorName(),
                stored == null ? null : stored.version());
        var tokenCheck = v.authType() == AuthType.OAUTH2 ? v.clientCredentials(secret) : null;
        return new Plan(null, row, ChangedFields.between(stored, row, draft), result.warnings(), tokenCheck);
    }

    /** The one write transaction of a Save: the row, and (through the event's listeners) its effects. */
    private SmtpSettings write(
            UUID tenant, SmtpSettingsDraft draft, Plan plan, @Nullable TokenRequestFailedException tokenFailure) {
        // Another admin's save since the plan was made: the version tells, as it would have in one transaction.
        requireVersion(settings.findById(tenant).orElse(null), draft.expectedVersion());
        var row = plan.row() == null ? null : write(plan.row());
        events.publishEvent(new SmtpSettingsChanged(
                tenant,
                SmtpSettingsChanged.Change.SAVED,
                row != null,
                plan.fields(),
                plan.warnings().contains(CaCertificates.EXPIRES_SOON),
                tokenFailure));
        return row != null ? row.toSettings() : Objects.requireNonNull(plan.unchanged());
    }

    private SmtpSettingsRow write(SmtpSettingsRow row) {
        try {
            return settings.save(row);
        } catch (OptimisticLockingFailureException | DuplicateKeyException e) {
            throw new ConcurrentEditException();
        }
    }

    private static void requireVersion(@Nullable SmtpSettingsRow stored, @Nullable Long expected) {
        Long current = stored == null ? null : stored.version();
        if (!Objects.equals(current, expected)) {
            throw new ConcurrentEditException();
        }
    }

    private static String actorName() {
        return TenantContext.currentMember().map(TenantMember::displayName).orElse("Mailroom");
    }
}
