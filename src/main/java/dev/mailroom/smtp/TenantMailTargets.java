package dev.mailroom.smtp;

import dev.mailroom.egress.EgressPolicy;
import dev.mailroom.mail.SmtpTarget;
import dev.mailroom.tenant.TenantContext;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a tenant's product mail goes: its saved custom settings, or the deployment's default mail service.
 * For trusted server-side work (the outbox dispatcher), not for pages: there is no signed-in admin, and the
 * result carries decrypted secrets.
 */
@Service
@EnableConfigurationProperties(DefaultMailServiceProperties.class)
public class TenantMailTargets {

    /** Fills in for an unconfigured default service: the built-in demo mailbox, in demo mode. */
    public interface DefaultServiceFallback {
        DefaultMailServiceProperties properties();
    }

    private final SmtpSettingsRepository settings;
    private final SettingsSecrets secrets;
    private final TransactionTemplate transaction;
    private final DefaultMailServiceProperties configured;
    private final ObjectProvider<DefaultServiceFallback> fallback;

    TenantMailTargets(
            SmtpSettingsRepository settings,
            SettingsSecrets secrets,
            TransactionTemplate transaction,
            DefaultMailServiceProperties configured,
            ObjectProvider<DefaultServiceFallback> fallback,
            EgressPolicy egress) {
        configured.requireNoPlaintextCredentials(egress);
        configured.requireCompleteCredentials();
        this.settings = settings;
        this.secrets = secrets;
        this.transaction = transaction;
        this.configured = configured;
        this.fallback = fallback;
    }

    /**
     * Where the tenant's mail goes now, and how fast that service takes it.
     *
     * @param operators the deployment's default service, whose host and words are the operator's, not the tenant's
     */
    public record EffectiveService(SmtpTarget target, SendingRate rate, boolean operators) {}

    /**
     * The tenant's custom settings or the default service, read once, with its sending rate.
     *
     * @throws NoMailServiceException the tenant uses the default service and this deployment has none
     */
    public EffectiveService effective(UUID tenant) {
        var row = TenantContext.callAsTenant(
                tenant,
                () -> transaction.execute(tx -> settings.findById(tenant).orElse(null)));
        if (row != null && row.mode() == MailMode.CUSTOM) {
            return new EffectiveService(custom(tenant, row), row.rate(), false);
        }
        var d = defaults();
        return new EffectiveService(defaultService(tenant), new SendingRate(d.ratePerMinute(), d.ratePerDay()), true);
    }

    /** The address the tenant's mail is sent from now (custom or default service), without opening any secret. */
    public Optional<String> senderAddress(UUID tenant) {
        var row = TenantContext.callAsTenant(
                tenant,
                () -> transaction.execute(tx -> settings.findById(tenant).orElse(null)));
        if (row != null && row.mode() == MailMode.CUSTOM) {
            return Optional.ofNullable(row.senderAddress());
        }
        var d = defaults();
        return d.configured() ? Optional.of(d.senderAddress()) : Optional.empty();
    }

    /** Whether tenants without custom settings have somewhere to send. */
    public boolean defaultServiceAvailable() {
        return defaults().configured();
    }

    /** Which default service tenants without custom settings get. */
    public MailServiceInUse defaultService() {
        if (configured.configured()) {
            return MailServiceInUse.DEFAULT_SERVICE;
        }
        return fallback.getIfAvailable() != null ? MailServiceInUse.DEMO_MAILBOX : MailServiceInUse.NONE;
    }

    /** Host and port of the default service (nothing else of it), or null when there is none. */
    public @Nullable String defaultServiceAddress() {
        var d = defaults();
        if (!d.configured()) {
            return null;
        }
        return d.host() + ":" + (d.port() != null ? d.port() : d.security().defaultPort());
    }

    private DefaultMailServiceProperties defaults() {
        if (configured.configured()) {
            return configured;
        }
        var demo = fallback.getIfAvailable();
        return demo == null ? configured : demo.properties();
    }

    /**
     * The deployment's default mail service as a target for this tenant (its sender, its credentials).
     *
     * @throws NoMailServiceException this deployment has none
     */
    public SmtpTarget defaultService(UUID tenant) {
        var d = defaults();
        if (!d.configured()) {
            throw new NoMailServiceException();
        }
        return d.valid().target(tenant, d.secret());
    }

    private SmtpTarget custom(UUID tenant, SmtpSettingsRow row) {
        return row.valid().target(tenant, secrets.stored(row, tenant));
    }
}
