package dev.mailroom.mail;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/** What the TLS handshake negotiated, seen through the socket factory. */
record TlsObservation(SSLSocket socket, long createdNanos, AtomicLong completedNanos, CountDownLatch completion) {

    /**
     * How long a connection that stands waits to hear its handshake's end: the JDK tells listeners on a thread
     * it starts for the purpose, which a busy machine may not have run yet when the conversation is done.
     */
    private static final Duration NOTICE_PATIENCE = Duration.ofSeconds(1);

    static TlsObservation watch(SSLSocket socket) {
        var observation = new TlsObservation(socket, System.nanoTime(), new AtomicLong(), new CountDownLatch(1));
        socket.addHandshakeCompletedListener(e -> {
            observation.completedNanos().set(System.nanoTime());
            observation.completion().countDown();
        });
        return observation;
    }

    /** Whether the handshake has been heard to complete (a failed connection may have none). */
    boolean completed() {
        return completion.getCount() == 0;
    }

    /** How long the handshake took; for a connection that stands, so its end is waited for briefly. */
    @Nullable
    Duration took() {
        try {
            if (!completion.await(NOTICE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return Duration.ofNanos(completedNanos.get() - createdNanos);
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
