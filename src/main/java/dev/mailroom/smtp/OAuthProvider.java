package dev.mailroom.smtp;

public enum OAuthProvider {
    MICROSOFT,
    OTHER;

    public static final String MICROSOFT_DEFAULT_SCOPE = "https://outlook.office365.com/.default";
}
