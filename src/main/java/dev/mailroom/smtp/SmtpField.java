package dev.mailroom.smtp;

/** The fields of the SMTP form, so that a problem can be shown next to the field it is about. */
public enum SmtpField {
    HOST,
    PORT,
    SECURITY,
    MIN_TLS,
    CA_CERTIFICATE,
    SENDER_NAME,
    SENDER_ADDRESS,
    USERNAME,
    PASSWORD,
    OAUTH_DIRECTORY_ID,
    OAUTH_CLIENT_ID,
    OAUTH_TOKEN_URL,
    OAUTH_SCOPE,
    CLIENT_SECRET,
    RATE_PER_MINUTE,
    RATE_PER_DAY,
    /** The address "Send test email" sends to; not part of the stored settings. */
    TEST_RECIPIENT,
    /** Not about one field: shown under the buttons. */
    FORM
}
