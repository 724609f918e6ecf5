package dev.mailroom.smtp;

/** Whether the tenant's mail goes through the deployment's default mail service or its own SMTP server. */
public enum MailMode {
    DEFAULT_SERVICE,
    CUSTOM
}
