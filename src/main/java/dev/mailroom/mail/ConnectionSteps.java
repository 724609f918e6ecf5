package dev.mailroom.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;

/** What a connection test reports once the connection stands, read off the open transport. */
final class ConnectionSteps {

    private ConnectionSteps() {}

    /** The steps a connection test shows once the connection stands: TCP, TLS, EHLO. */
    static void report(
            ConnectionObserver observer,
            AtomicReference<@Nullable Optional<Duration>> connected,
            AtomicReference<@Nullable TlsObservation> tls,
            SMTPTransport transport,
            @Nullable Transcript transcript,
            String peer) {
        var tcp = connected.get();
        observer.passed(StepKind.TCP_CONNECT, tcp == null ? null : tcp.orElse(null), peer);
        var observed = tls.get();
        if (observed != null) {
            observer.passed(StepKind.TLS_HANDSHAKE, observed.took(), observed.describe());
        }
        observer.passed(
                StepKind.EHLO,
                transcript == null ? null : TranscriptTimes.lastEhlo(transcript.lines()),
                capabilities(transport));
    }

    private static String capabilities(SMTPTransport transport) {
        var found = new ArrayList<String>();
        String auth = transport.getExtensionParameter("AUTH");
        found.add(auth == null ? "no AUTH" : "AUTH " + auth.strip());
        for (String ext : new String[] {"STARTTLS", "SIZE", "8BITMIME", "SMTPUTF8", "PIPELINING"}) {
            if (transport.supportsExtension(ext)) {
                String param = transport.getExtensionParameter(ext);
                found.add(param == null || param.isBlank() ? ext : ext + " " + param.strip());
            }
        }
        return String.join(", ", found);
    }
}
