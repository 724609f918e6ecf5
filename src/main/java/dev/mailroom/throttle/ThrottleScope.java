package dev.mailroom.throttle;

/** Whose attempts a limit counts. */
public enum ThrottleScope {
    /** One admin's, across tenants and nodes. */
    ADMIN,
    /** All admins of one tenant together. */
    TENANT,
    /** Everyone's attempts against one target host, so many tenants together cannot hammer one server. */
    HOST,
    /** One email address asked about, whoever asks. */
    ADDRESS,
    /** One account, by the name it signs in with, whoever tries it. */
    ACCOUNT,
    /** One client (its IP address), whatever it asks about. */
    CLIENT
}
