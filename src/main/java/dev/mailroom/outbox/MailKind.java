package dev.mailroom.outbox;

/** Why the product sends a message (shown in Deliveries). */
public enum MailKind {
    INVITATION,
    PASSWORD_RESET,
    ADMIN_NOTICE,
    /** The product's own mail, queued through the send API (POST /api/v1/messages). */
    API;

    /** As metrics name it: lower case, a bounded set. */
    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
