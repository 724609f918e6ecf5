package dev.mailroom.mail;

public enum ConnectionSecurity {
    NONE(25),
    SSL_TLS(465),
    STARTTLS(587);

    private final int defaultPort;

    ConnectionSecurity(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The port this mode usually runs on; the page fills it in unless the admin typed another. */
    public int defaultPort() {
        return defaultPort;
    }
}
