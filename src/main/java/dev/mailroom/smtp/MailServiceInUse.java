package dev.mailroom.smtp;

/** Where a tenant's mail goes now, by its saved settings and this deployment's configuration. */
public enum MailServiceInUse {
    /** The tenant's own saved SMTP settings. */
    CUSTOM,
    /** The operator's relay ({@code mailroom.default-mail.*}). */
    DEFAULT_SERVICE,
    /** The built-in demo mailbox, standing in for an unconfigured default service in demo mode. */
    DEMO_MAILBOX,
    /** Nowhere: no custom settings and no default service. Product mail waits. */
    NONE
}
