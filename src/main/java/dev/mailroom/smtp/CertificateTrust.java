package dev.mailroom.smtp;

/** Which certificate authorities vouch for the server: the JVM's usual ones, or one the admin uploaded. */
public enum CertificateTrust {
    DEFAULT,
    CUSTOM
}
