package dev.mailroom.smtp;

import dev.mailroom.audit.AuditEvent;
import dev.mailroom.audit.AuditLog;
import dev.mailroom.oauth.ClientCredentials;
import dev.mailroom.oauth.ClientCredentialsClient;
import dev.mailroom.oauth.TokenEndpoint;
import dev.mailroom.oauth.TokenRequestFailedException;
import dev.mailroom.scan.ScanResult;
import dev.mailroom.scan.VirusScanner;
import dev.mailroom.secrets.SealedSecret;
import dev.mailroom.secrets.SecretCipher;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
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

    /** The fields whose names the audit trail records when they change. */
    private static final Map<String, Function<SmtpSettingsRow, @Nullable Object>> AUDITED = new LinkedHashMap<>();

    static {
        AUDITED.put("mode", SmtpSettingsRow::mode);
        AUDITED.put("host", SmtpSettingsRow::host);
        AUDITED.put("port", SmtpSettingsRow::port);
        AUDITED.put("security", SmtpSettingsRow::security);
        AUDITED.put("minTls", SmtpSettingsRow::minTls);
        AUDITED.put("trust", SmtpSettingsRow::trust);
        AUDITED.put("caCertificate", SmtpSettingsRow::caPem);
        AUDITED.put("senderName", SmtpSettingsRow::senderName);
        AUDITED.put("senderAddress", SmtpSettingsRow::senderAddress);
        AUDITED.put("authType", SmtpSettingsRow::authType);
        AUDITED.put("username", SmtpSettingsRow::username);
        AUDITED.put("oauthProvider", SmtpSettingsRow::oauthProvider);
        AUDITED.put("oauthDirectoryId", SmtpSettingsRow::oauthDirectoryId);
        AUDITED.put("oauthClientId", SmtpSettingsRow::oauthClientId);
        AUDITED.put("oauthTokenUrl", SmtpSettingsRow::oauthTokenUrl);
        AUDITED.put("oauthScope", SmtpSettingsRow::oauthScope);
    }

    private final SmtpSettingsRepository settings;
    private final SmtpSettingsValidator validator;
    private final SecretCipher cipher;
    private final AuditLog audit;
    private final MailStatusService status;
    private final ClientCredentialsClient tokens;
    private final VirusScanner scanner;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AttemptThrottle throttle;
    private final TenantMailTargets targets;

    SmtpSettingsService(
            SmtpSettingsRepository settings,
            SmtpSettingsValidator validator,
            SecretCipher cipher,
            AuditLog audit,
            MailStatusService status,
            ClientCredentialsClient tokens,
            VirusScanner scanner,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            Clock clock,
            AttemptThrottle throttle,
            TenantMailTargets targets) {
        this.throttle = throttle;
        this.targets = targets;
        this.settings = settings;
        this.validator = validator;
        this.cipher = cipher;
        this.audit = audit;
        this.status = status;
        this.tokens = tokens;
        this.scanner = scanner;
        this.transaction = transaction;
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
        events.publishEvent(new SmtpSettingsChanged(tenant));
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
            status.recordProblem(MailHealth.ERROR, StatusSource.SAVE, "status.reason.oauth-token", e.errorCode());
            return new SaveOutcome(saved.settings(), false, e.errorCode(), e.explanationKey(), saved.warnings());
        }
    }

    /**
     * What a conversation needs to try these settings (saved or not): validated by the same rules as Save,
     * including re-entering a secret when what it is tied to changed, so that a test can never carry a
     * stored secret to a server it was not entered for. Stored secrets are decrypted here, for this one use.
     */
    @Transactional(readOnly = true)
    public SmtpTarget resolve(SmtpSettingsDraft draft) {
        UUID tenant = CurrentTenant.require();
        var stored = settings.findById(tenant).orElse(null);
        if (draft.mode() == MailMode.DEFAULT_SERVICE) {
            throw new InvalidSmtpSettingsException(
                    List.of(FieldProblem.of(SmtpField.FORM, "smtp.error.test-default-service")));
        }
        var result = validator.validate(draft, stored, clock.instant());
        var v = result.settings();
        SmtpTarget.Credentials credentials = switch (v.authType()) {
            case NONE -> new SmtpTarget.NoCredentials();
            case BASIC ->
                new SmtpTarget.Password(
                        Objects.requireNonNull(v.username()),
                        plaintext(
                                result.keepPassword(),
                                draft.newPassword(),
                                stored,
                                SmtpSettingsRow::passwordCiphertext,
                                tenant,
                                "password"));
            case OAUTH2 ->
                new SmtpTarget.OAuth2(
                        Objects.requireNonNull(v.username()),
                        clientCredentials(
                                v,
                                plaintext(
                                        result.keepClientSecret(),
                                        draft.newClientSecret(),
                                        stored,
                                        SmtpSettingsRow::clientSecretCiphertext,
                                        tenant,
                                        "client-secret")));
        };
        return new SmtpTarget(
                tenant,
                v.host(),
                v.port(),
                v.security(),
                v.minTls(),
                v.caPem(),
                v.senderName(),
                v.senderAddress(),
                credentials);
    }

    /**
     * Where a test email goes: through the service these settings would use, the custom server (validated as
     * {@link #resolve} does) or, with "default mail service" chosen, the deployment's default service, so that
     * an admin can see their tenant's mail arrive before changing anything.
     */
    @Transactional(readOnly = true)
    public SmtpTarget resolveServiceInUse(SmtpSettingsDraft draft) {
        if (draft.mode() != MailMode.DEFAULT_SERVICE) {
            return resolve(draft);
        }
        try {
            return targets.defaultService(CurrentTenant.require());
        } catch (NoMailServiceException e) {
            throw new InvalidSmtpSettingsException(
                    List.of(FieldProblem.of(SmtpField.FORM, "smtp.error.no-default-service")));
        }
    }

    private String plaintext(
            boolean keep,
            @Nullable String entered,
            @Nullable SmtpSettingsRow stored,
            Function<SmtpSettingsRow, byte @Nullable []> column,
            UUID tenant,
            String purpose) {
        if (!keep) {
            return Objects.requireNonNull(entered);
        }
        var row = Objects.requireNonNull(stored);
        return cipher.open(
                new SealedSecret(Objects.requireNonNull(row.secretKeyId()), Objects.requireNonNull(column.apply(row))),
                boundTo(tenant, purpose));
    }

    private static ClientCredentials clientCredentials(ValidSettings v, String secret) {
        var endpoint = v.oauthProvider() == OAuthProvider.MICROSOFT
                ? new TokenEndpoint.Microsoft(Objects.requireNonNull(v.oauthDirectoryId()))
                : new TokenEndpoint.Url(Objects.requireNonNull(v.oauthTokenUrl()));
        return new ClientCredentials(
                endpoint, Objects.requireNonNull(v.oauthClientId()), secret, Objects.requireNonNull(v.oauthScope()));
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
        });
        events.publishEvent(new SmtpSettingsChanged(tenant));
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
            return new Saved(row.toSettings(), List.of(), null);
        }
        var result = validator.validate(draft, stored, now);
        var v = result.settings();
        byte[] password = v.authType() != AuthType.BASIC
                ? null
                : seal(
                        plaintext(
                                result.keepPassword(),
                                draft.newPassword(),
                                stored,
                                SmtpSettingsRow::passwordCiphertext,
                                tenant,
                                "password"),
                        tenant,
                        "password");
        byte[] clientSecret = v.authType() != AuthType.OAUTH2
                ? null
                : seal(
                        plaintext(
                                result.keepClientSecret(),
                                draft.newClientSecret(),
                                stored,
                                SmtpSettingsRow::clientSecretCiphertext,
                                tenant,
                                "client-secret"),
                        tenant,
                        "client-secret");
        String keyId = password == null && clientSecret == null ? null : cipher.currentKeyId();
        var row = new SmtpSettingsRow(
                tenant,
                MailMode.CUSTOM,
                v.host(),
                v.port(),
                v.security(),
                v.minTls(),
                v.trust(),
                v.caPem(),
                v.senderName(),
                v.senderAddress(),
                v.authType(),
                v.username(),
                v.oauthProvider(),
                v.oauthDirectoryId(),
                v.oauthClientId(),
                v.oauthTokenUrl(),
                v.oauthScope(),
                password,
                clientSecret,
                keyId,
                now,
                actorName(),
                stored == null ? null : stored.version());
        var changed = changedFields(stored, row, draft);
        row = write(row);
        audit.record(AUDIT_SAVE, changed);

        ClientCredentials tokenCheck = null;
        if (v.authType() == AuthType.OAUTH2 && clientSecret != null) {
            tokenCheck = clientCredentials(
                    v,
                    cipher.open(
                            new SealedSecret(Objects.requireNonNull(keyId), clientSecret),
                            boundTo(tenant, "client-secret")));
        }
        return new Saved(row.toSettings(), result.warnings(), tokenCheck);
    }

    /** Sealed with the current key, so a save also moves a kept secret to a rotated key. */
    private byte[] seal(String plaintext, UUID tenant, String purpose) {
        return cipher.seal(plaintext, boundTo(tenant, purpose)).ciphertext();
    }

    static String boundTo(UUID tenant, String purpose) {
        return "smtp:" + tenant + ":" + purpose;
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

    private static List<String> changedFields(
            @Nullable SmtpSettingsRow before, SmtpSettingsRow after, SmtpSettingsDraft draft) {
        var changed = new ArrayList<String>();
        AUDITED.forEach((name, field) -> {
            if (before == null
                    ? field.apply(after) != null
                    : !Objects.equals(field.apply(before), field.apply(after))) {
                changed.add(name);
            }
        });
        if (draft.newPassword() != null && !draft.newPassword().isEmpty()
                || before != null && before.passwordCiphertext() != null && after.passwordCiphertext() == null) {
            changed.add("password");
        }
        if (draft.newClientSecret() != null && !draft.newClientSecret().isEmpty()
                || before != null
                        && before.clientSecretCiphertext() != null
                        && after.clientSecretCiphertext() == null) {
            changed.add("clientSecret");
        }
        return changed;
    }

    private static String actorName() {
        return TenantContext.currentMember().map(TenantMember::displayName).orElse("Mailroom");
    }
}
