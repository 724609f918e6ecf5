package dev.mailroom.smtp;

import dev.mailroom.audit.AuditEvent;
import dev.mailroom.audit.AuditLog;
import dev.mailroom.mail.SmtpTransport;
import dev.mailroom.oauth.ClientCredentials;
import dev.mailroom.oauth.ClientCredentialsClient;
import dev.mailroom.oauth.TokenRequestFailedException;
import dev.mailroom.scan.ScanResult;
import dev.mailroom.scan.VirusScanner;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.status.StatusSource;
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
    private final MailStatusService status;
    private final ClientCredentialsClient tokens;
    private final VirusScanner scanner;
    private final TransactionTemplate transaction;
    private final SmtpTransport transport;
    private final Clock clock;
    private final AttemptThrottle throttle;
    private final TenantMailTargets targets;

    SmtpSettingsService(
            SmtpSettingsRepository settings,
            SmtpSettingsValidator validator,
            SettingsSecrets secrets,
            AuditLog audit,
            MailStatusService status,
            ClientCredentialsClient tokens,
            VirusScanner scanner,
            TransactionTemplate transaction,
            SmtpTransport transport,
            Clock clock,
            AttemptThrottle throttle,
            TenantMailTargets targets) {
        this.throttle = throttle;
        this.targets = targets;
        this.settings = settings;
        this.validator = validator;
        this.secrets = secrets;
        this.audit = audit;
        this.status = status;
        this.tokens = tokens;
        this.scanner = scanner;
        this.transaction = transaction;
        this.transport = transport;
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
     * Saves, then (for OAuth 2.0) asks the token endpoint whether the client is accepted.
     *
     * @throws TooManyAttemptsException this admin or tenant has saved too often for now; nothing changed
     */
    public SaveOutcome save(SmtpSettingsDraft draft) {
        UUID tenant = CurrentTenant.require();
        throttle.acquire(ThrottledAction.SAVE, tenant, CurrentTenant.requireAccount(), null);
        if (draft.newCaPem() != null && draft.mode() == MailMode.CUSTOM) {
            scan(draft.newCaPem(), tenant);
        }
        Saved saved = transaction.execute(tx -> saveInTransaction(tenant, draft));
        transport.forget(tenant);
        if (saved.warnings().contains(CaCertificates.EXPIRES_SOON)) {
            status.recordProblem(MailHealth.WARNING, StatusSource.EXPIRY, CaCertificates.EXPIRES_SOON, null);
        } else {
            status.recordSuccess(StatusSource.EXPIRY);
        }
        if (saved.tokenCheck() == null) {
            status.recordSuccess(StatusSource.SAVE);
            return SaveOutcome.valid(saved.settings(), saved.warnings());
        }
        try {
            tokens.obtain(saved.tokenCheck());
            status.recordSuccess(StatusSource.SAVE);
            return SaveOutcome.valid(saved.settings(), saved.warnings());
        } catch (TokenRequestFailedException e) {
            log.info(
                    "Saved SMTP settings of tenant {} but the OAuth 2.0 token request failed: {}",
                    tenant,
                    e.errorCode());
            var code = TokenRequestFailedException.providerCode(e.errorCode());
            status.recordProblem(
                    MailHealth.ERROR,
                    StatusSource.SAVE,
                    code.isPresent() ? "status.reason.oauth-token" : e.explanationKey(),
                    code.orElse(null));
            return new SaveOutcome(saved.settings(), false, e.errorCode(), e.explanationKey(), saved.warnings());
        }
    }

    /** Whether uploads are virus-scanned in this deployment (the page says so when they are not). */
    public boolean uploadsAreScanned() {
        return scanner.isConfigured();
    }

    private void scan(String pem, UUID tenant) {
        var result = scanner.scan(pem.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (result instanceof ScanResult.Infected infected) {
            log.warn(
                    "Refused a certificate upload of tenant {}: the virus scanner found {}",
                    tenant,
                    infected.signature());
            throw new InvalidSmtpSettingsException(
                    List.of(FieldProblem.of(SmtpField.CA_CERTIFICATE, "smtp.error.ca.infected")));
        }
        if (result instanceof ScanResult.Failed) {
            throw new InvalidSmtpSettingsException(
                    List.of(FieldProblem.of(SmtpField.CA_CERTIFICATE, "smtp.error.ca.scan-failed")));
        }
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
            audit.record(AUDIT_REMOVE, List.of());
            status.clear();
            status.announceSettingsChange();
        });
        transport.forget(tenant);
    }

    private record Saved(
            SmtpSettings settings,
            List<String> warnings,
            @Nullable ClientCredentials tokenCheck) {}

    private Saved saveInTransaction(UUID tenant, SmtpSettingsDraft draft) {
        var stored = settings.findById(tenant).orElse(null);
        requireVersion(stored, draft.expectedVersion());
        var now = clock.instant();
        if (draft.mode() == MailMode.DEFAULT_SERVICE) {
            if (stored == null || stored.mode() == MailMode.DEFAULT_SERVICE) {
                return new Saved(stored == null ? SmtpSettings.defaultService() : stored.toSettings(), List.of(), null);
            }
            var row = write(stored.withMode(MailMode.DEFAULT_SERVICE, now, actorName()));
            audit.record(AUDIT_SAVE, List.of("mode"));
            status.announceSettingsChange();
            return new Saved(row.toSettings(), List.of(), null);
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
        var changed = ChangedFields.between(stored, row, draft);
        row = write(row);
        audit.record(AUDIT_SAVE, changed);
        status.announceSettingsChange();

        var tokenCheck = v.authType() == AuthType.OAUTH2 ? v.clientCredentials(secret) : null;
        return new Saved(row.toSettings(), result.warnings(), tokenCheck);
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
