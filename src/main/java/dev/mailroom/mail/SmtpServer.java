package dev.mailroom.mail;

import org.jspecify.annotations.Nullable;

/**
 * Where mail goes and how the way there is protected.
 *
 * @param caPem the certificate authorities to trust instead of the JDK's, or null for the JDK's
 */
public record SmtpServer(
        String host,
        int port,
        ConnectionSecurity security,
        TlsVersion minTls,
        @Nullable String caPem) {

    public SmtpServer {
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a server: " + host + ":" + port);
        }
    }

    /** Jakarta Mail's protocol name: implicit TLS is "smtps", plain and STARTTLS are "smtp". */
    String protocol() {
        return security == ConnectionSecurity.SSL_TLS ? "smtps" : "smtp";
    }

    @Override
    public String toString() {
        return host + ":" + port + " (" + security + ", " + minTls + (caPem == null ? "" : ", custom CA") + ")";
    }
}
