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

    StepDetail describe() {
        var s = socket.getSession();
        String negotiated = s.getProtocol() + ", " + s.getCipherSuite();
        try {
            if (s.getPeerCertificates()[0] instanceof X509Certificate cert) {
                String subject = cert.getSubjectX500Principal().getName();
                String until = cert.getNotAfter().toInstant().toString();
                return StepDetail.of(
                        negotiated + ", certificate " + subject + ", valid until " + until + ", host name verified",
                        "mail.detail.tls",
                        negotiated,
                        subject,
                        until);
            }
        } catch (SSLPeerUnverifiedException e) {
            // Below: said so.
        }
        return StepDetail.of(negotiated + ", no peer certificate", "mail.detail.tls.no-certificate", negotiated);
    }
}
