package dev.mailroom.mail;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/** What the TLS handshake negotiated, seen through the socket factory. */
record TlsObservation(SSLSocket socket, long createdNanos, AtomicReference<@Nullable Long> completedNanos) {

    static TlsObservation watch(SSLSocket socket) {
        var observation = new TlsObservation(socket, System.nanoTime(), new AtomicReference<>());
        socket.addHandshakeCompletedListener(e -> observation.completedNanos().set(System.nanoTime()));
        return observation;
    }

    boolean completed() {
        return completedNanos.get() != null;
    }

    @Nullable
    Duration took() {
        Long done = completedNanos.get();
        return done == null ? null : Duration.ofNanos(done - createdNanos);
    }

    String describe() {
        var s = socket.getSession();
        String detail = s.getProtocol() + ", " + s.getCipherSuite();
        try {
            if (s.getPeerCertificates()[0] instanceof X509Certificate cert) {
                detail += ", certificate " + cert.getSubjectX500Principal().getName() + ", valid until "
                        + cert.getNotAfter().toInstant() + ", host name verified";
            }
        } catch (SSLPeerUnverifiedException e) {
            detail += ", no peer certificate";
        }
        return detail;
    }
}
