package dev.mailroom.smtp;

import dev.mailroom.mail.ConnectionSecurity;
import org.jspecify.annotations.Nullable;

/** Well-known providers' usual settings; a starting point, every field stays editable. */
public enum ProviderPreset {
    // Exchange Online's published limits per mailbox: 30 messages a minute, 10,000 recipients a day.
    MICROSOFT_365(
            "smtp.office365.com",
            ConnectionSecurity.STARTTLS,
            AuthType.OAUTH2,
            OAuthProvider.MICROSOFT,
            null,
            new SendingRate(30, 10_000)),
    // Google Workspace: 2,000 messages a day per user (a free Gmail account: 500).
    GMAIL("smtp.gmail.com", ConnectionSecurity.STARTTLS, AuthType.BASIC, null, null, new SendingRate(null, 2_000)),
    // SES quotas are the account's own (a new account: 1 a second, 200 a day); the admin fills them in.
    AMAZON_SES(
            "email-smtp.us-east-1.amazonaws.com",
            ConnectionSecurity.STARTTLS,
            AuthType.BASIC,
            null,
            null,
            SendingRate.NONE),
    // SendGrid's SMTP user name is literally "apikey"; the password is the API key. Its limits are the plan's.
    SENDGRID("smtp.sendgrid.net", ConnectionSecurity.STARTTLS, AuthType.BASIC, null, "apikey", SendingRate.NONE),
    OTHER(null, null, null, null, null, SendingRate.NONE);

    private final @Nullable String host;
    private final @Nullable ConnectionSecurity security;
    private final @Nullable AuthType authType;
    private final @Nullable OAuthProvider oauthProvider;
    private final @Nullable String username;
    private final SendingRate rate;

    ProviderPreset(
            @Nullable String host,
            @Nullable ConnectionSecurity security,
            @Nullable AuthType authType,
            @Nullable OAuthProvider oauthProvider,
            @Nullable String username,
            SendingRate rate) {
        this.rate = rate;
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

    /** The provider's published sending limits, or none where they are the account's own. */
    public SendingRate rate() {
        return rate;
    }
}
