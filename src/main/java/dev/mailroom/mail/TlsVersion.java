package dev.mailroom.mail;

import java.util.List;

/** The oldest TLS version Mailroom accepts from a server. SSL and TLS 1.0/1.1 are never offered. */
public enum TlsVersion {
    TLS_1_2,
    TLS_1_3;

    /** JSSE protocol names from this version up, newest first, for {@code mail.smtp.ssl.protocols}. */
    public List<String> protocols() {
        return this == TLS_1_3 ? List.of("TLSv1.3") : List.of("TLSv1.3", "TLSv1.2");
    }
}
