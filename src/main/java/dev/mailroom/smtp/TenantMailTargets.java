package dev.mailroom.smtp;

import dev.mailroom.egress.EgressPolicy;
import dev.mailroom.oauth.ClientCredentials;
import dev.mailroom.oauth.TokenEndpoint;
import dev.mailroom.secrets.SealedSecret;
import dev.mailroom.secrets.SecretCipher;
import dev.mailroom.tenant.TenantContext;
import java.util.Objects;
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
    private final SecretCipher cipher;
    private final TransactionTemplate transaction;
    private final DefaultMailServiceProperties configured;
    private final ObjectProvider<DefaultServiceFallback> fallback;

    TenantMailTargets(
            SmtpSettingsRepository settings,
            SecretCipher cipher,
            TransactionTemplate transaction,
            DefaultMailServiceProperties configured,
            ObjectProvider<DefaultServiceFallback> fallback,
            EgressPolicy egress) {
        configured.requireNoPlaintextCredentials(egress);
        this.settings = settings;
        this.cipher = cipher;
        this.transaction = transaction;
        this.configured = configured;
        this.fallback = fallback;
    }

    /** @throws NoMailServiceException the tenant uses the default service and this deployment has none */
    public SmtpTarget effective(UUID tenant) {
        var row = TenantContext.callAsTenant(
                tenant,
                () -> transaction.execute(tx -> settings.findById(tenant).orElse(null)));
        if (row != null && row.mode() == MailMode.CUSTOM) {
            return custom(tenant, row);
        }
        return defaultService(tenant);
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
        SmtpTarget.Credentials credentials;
        if (d.oauthClientId() != null) {
            var endpoint = d.oauthDirectoryId() != null
                    ? new TokenEndpoint.Microsoft(d.oauthDirectoryId())
                    : new TokenEndpoint.Url(
                            Objects.requireNonNull(d.oauthTokenUrl(), "mailroom.default-mail.oauth-token-url"));
            credentials = new SmtpTarget.OAuth2(
                    Objects.requireNonNull(d.username(), "mailroom.default-mail.username"),
                    new ClientCredentials(
                            endpoint,
                            d.oauthClientId(),
                            Objects.requireNonNull(d.oauthClientSecret()),
                            Objects.requireNonNullElse(d.oauthScope(), "https://outlook.office365.com/.default")));
        } else if (d.username() != null) {
            credentials = new SmtpTarget.Password(
                    d.username(), Objects.requireNonNull(d.password(), "mailroom.default-mail.password"));
        } else {
            credentials = new SmtpTarget.NoCredentials();
        }
        int port = d.port() != null ? d.port() : d.security().defaultPort();
        return new SmtpTarget(
                tenant,
                Objects.requireNonNull(d.host()),
                port,
                d.security(),
                d.minTls(),
                d.caPem(),
                d.senderName(),
                d.senderAddress(),
                credentials);
    }

    private SmtpTarget custom(UUID tenant, SmtpSettingsRow row) {
        SmtpTarget.Credentials credentials = switch (row.authType()) {
            case NONE -> new SmtpTarget.NoCredentials();
            case BASIC ->
                new SmtpTarget.Password(
                        Objects.requireNonNull(row.username()),
                        open(row, Objects.requireNonNull(row.passwordCiphertext()), tenant, "password"));
            case OAUTH2 ->
                new SmtpTarget.OAuth2(
                        Objects.requireNonNull(row.username()),
                        new ClientCredentials(
                                row.oauthProvider() == OAuthProvider.MICROSOFT
                                        ? new TokenEndpoint.Microsoft(Objects.requireNonNull(row.oauthDirectoryId()))
                                        : new TokenEndpoint.Url(Objects.requireNonNull(row.oauthTokenUrl())),
                                Objects.requireNonNull(row.oauthClientId()),
                                open(
                                        row,
                                        Objects.requireNonNull(row.clientSecretCiphertext()),
                                        tenant,
                                        "client-secret"),
                                Objects.requireNonNull(row.oauthScope())));
        };
        return new SmtpTarget(
                tenant,
                Objects.requireNonNull(row.host()),
                Objects.requireNonNull(row.port()),
                row.security(),
                row.minTls(),
                row.trust() == CertificateTrust.CUSTOM ? row.caPem() : null,
                Objects.requireNonNullElse(row.senderName(), ""),
                Objects.requireNonNull(row.senderAddress()),
                credentials);
    }

    private String open(SmtpSettingsRow row, byte[] ciphertext, UUID tenant, String purpose) {
        return cipher.open(
                new SealedSecret(Objects.requireNonNull(row.secretKeyId()), ciphertext),
                SmtpSettingsService.boundTo(tenant, purpose));
    }
}
