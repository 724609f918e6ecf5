package dev.mailroom.smtp;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deployment's own relay ({@code mailroom.default-mail.*}), used by every tenant without custom
 * settings. The same choices a tenant has; secrets come from the environment, never from the database.
 * Without a host there is no default service (and product mail waits until there is one), except in demo
 * mode, where the built-in demo mailbox fills in.
 */
@ConfigurationProperties("mailroom.default-mail")
public record DefaultMailServiceProperties(
        @Nullable String host,
        @Nullable Integer port,
        @DefaultValue("STARTTLS") ConnectionSecurity security,
        @DefaultValue("TLS_1_2") TlsVersion minTls,
        @Nullable String caPem,
        @DefaultValue("Mailroom") String senderName,
        @DefaultValue("noreply@mailroom.invalid") String senderAddress,
        @Nullable String username,
        @Nullable String password,
        @Nullable String oauthTokenUrl,
        @Nullable String oauthDirectoryId,
        @Nullable String oauthClientId,
        @Nullable String oauthClientSecret,
        @Nullable String oauthScope) {

    public boolean configured() {
        return host != null && !host.isBlank();
    }
}
