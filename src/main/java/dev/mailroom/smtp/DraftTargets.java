package dev.mailroom.smtp;

import dev.mailroom.mail.SmtpTarget;
import dev.mailroom.tenant.CurrentTenant;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a test needs to try the form as it is on the page (saved or not): validated by the same rules as Save,
 * including re-entering a secret when what it is tied to changed, so that a test can never carry a stored
 * secret to a server it was not entered for. Stored secrets are decrypted here, for this one use, and only for
 * an admin of the tenant (checked here too, not only by {@link MailTests}).
 */
@Component
@PreAuthorize("hasRole('ADMIN')")
public class DraftTargets {

    private final SmtpSettingsRepository settings;
    private final SmtpSettingsValidator validator;
    private final SettingsSecrets secrets;
    private final TenantMailTargets targets;
    private final Clock clock;

    DraftTargets(
            SmtpSettingsRepository settings,
            SmtpSettingsValidator validator,
            SettingsSecrets secrets,
            TenantMailTargets targets,
            Clock clock) {
        this.settings = settings;
        this.validator = validator;
        this.secrets = secrets;
        this.targets = targets;
        this.clock = clock;
    }

    /** The custom server of the draft ("Test connection" is for custom settings only). */
    @Transactional(readOnly = true)
    public SmtpTarget custom(SmtpSettingsDraft draft) {
        UUID tenant = CurrentTenant.require();
        if (draft.mode() == MailMode.DEFAULT_SERVICE) {
            throw new InvalidSmtpSettingsException(
                    List.of(FieldProblem.of(SmtpField.FORM, "smtp.error.test-default-service")));
        }
        var stored = settings.findById(tenant).orElse(null);
        var validated = validator.validate(draft, stored, clock.instant());
        return validated.settings().target(tenant, secrets.chosen(draft, validated, stored, tenant));
    }

    /**
     * Where a test email goes: the custom server of the draft or, with "default mail service" chosen, the
     * deployment's default service, so that an admin can see their tenant's mail arrive before changing anything.
     */
    @Transactional(readOnly = true)
    public SmtpTarget serviceInUse(SmtpSettingsDraft draft) {
        if (draft.mode() != MailMode.DEFAULT_SERVICE) {
            return custom(draft);
        }
        try {
            return targets.defaultService(CurrentTenant.require());
        } catch (NoMailServiceException e) {
            throw new InvalidSmtpSettingsException(
                    List.of(FieldProblem.of(SmtpField.FORM, "smtp.error.no-default-service")));
        }
    }
}
