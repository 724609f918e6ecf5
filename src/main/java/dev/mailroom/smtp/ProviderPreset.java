package dev.mailroom.smtp;

import dev.mailroom.mail.ConnectionSecurity;
import org.jspecify.annotations.Nullable;

/** Well-known providers' usual settings; a starting point, every field stays editable. */
public enum ProviderPreset {
    MICROSOFT_365("smtp.office365.com", ConnectionSecurity.STARTTLS, AuthType.OAUTH2, OAuthProvider.MICROSOFT, null),
    GMAIL("smtp.gmail.com", ConnectionSecurity.STARTTLS, AuthType.BASIC, null, null),
    AMAZON_SES("email-smtp.us-east-1.amazonaws.com", ConnectionSecurity.STARTTLS, AuthType.BASIC, null, null),
    // SendGrid's SMTP user name is literally "apikey"; the password is the API key.
    SENDGRID("smtp.sendgrid.net", ConnectionSecurity.STARTTLS, AuthType.BASIC, null, "apikey"),
    OTHER(null, null, null, null, null);

    private final @Nullable String host;
    private final @Nullable ConnectionSecurity security;
    private final @Nullable AuthType authType;
    private final @Nullable OAuthProvider oauthProvider;
    private final @Nullable String username;

    ProviderPreset(
            @Nullable String host,
            @Nullable ConnectionSecurity security,
            @Nullable AuthType authType,
            @Nullable OAuthProvider oauthProvider,
            @Nullable String username) {
        this.host = host;
        this.security = security;
        this.authType = authType;
        this.oauthProvider = oauthProvider;
        this.username = username;
    }

    /** The preset whose server this is, so the page keeps showing the provider an admin chose. */
    public static java.util.Optional<ProviderPreset> forHost(@Nullable String host) {
        return java.util.Arrays.stream(values())
                .filter(p -> p.host != null && p.host.equalsIgnoreCase(host == null ? "" : host.strip()))
                .findFirst();
    }

    public @Nullable String host() {
        return host;
    }

    public @Nullable ConnectionSecurity security() {
        return security;
    }

    public @Nullable AuthType authType() {
        return authType;
    }

    public @Nullable OAuthProvider oauthProvider() {
        return oauthProvider;
    }

    public @Nullable String username() {
        return username;
    }
}
