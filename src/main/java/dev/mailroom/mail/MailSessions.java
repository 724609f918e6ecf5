package dev.mailroom.mail;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mailroom.egress.Destination;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Angus mail sessions, one per tenant and connection settings, kept (bounded) and reused. Making a session
 * searches the class path for mail providers (jakartaee/mail-api#101), several milliseconds that a test email
 * or an outbox batch would otherwise pay each time. A session is never shared between tenants (Jakarta Mail's
 * {@code Service.connect} keeps the password in its session), holds no secret of its own, and is dropped when
 * the tenant's settings change ({@link #forget}).
 * <p>
 * What differs per connection (how long the TCP connect took, the TLS socket, where the protocol dialogue is
 * written) is told to the shared session's socket factories and debug stream through {@link Watch}, for the
 * thread that opens the connection and while it uses it: Angus speaks SMTP on the caller's thread.
 */
@Component
@EnableConfigurationProperties(MailProperties.class)
class MailSessions implements AutoCloseable {

    /** What one connection wants to hear about itself. */
    record Hooks(
            Consumer<@Nullable Duration> onConnected,
            Consumer<SSLSocket> onTlsSocket,
            @Nullable Transcript transcript,
            ServerBudget budget) {}

    private record Key(
            UUID tenant, SmtpServer server, InetAddress address, String tlsHost, String auth, boolean transcripted) {}

    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    private static final Duration IMPLICIT_TLS_PORT_WAIT = Duration.ofSeconds(3);
    private static final ThreadLocal<@Nullable Hooks> CURRENT = new ThreadLocal<>();

    static {
        // Jakarta Mail 2.1 asks a ServiceLoader for its stream provider on every encoded header and body part
        // written, a class path search each time (jakartaee/mail-api#861): over half of the outbox's time per
        // message. Named here, it is found by Class.forName instead, the lookup the API tries first.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final String ehloName;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Cache<Key, Session> cache = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(15))
            .build();
    /**
     * Watches every connection's writes for the write timeout. Without it Angus makes a scheduler per connection,
     * and so starts a thread for every test email and every outbox batch (about a millisecond each time here).
     */
    private final ScheduledThreadPoolExecutor writeTimeouts;

    MailSessions(MailProperties properties) {
        this.ehloName = properties.ehloName();
        this.connectTimeout = properties.connectTimeout();
        this.readTimeout = properties.readTimeout();
        this.writeTimeouts = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name("smtp-write-timeouts").factory());
        // A write that finishes cancels its timeout: gone at once, not kept until it would have fired.
        writeTimeouts.setRemoveOnCancelPolicy(true);
    }

    String ehloName() {
        return ehloName;
    }

    ScheduledThreadPoolExecutor writeTimeouts() {
        return writeTimeouts;
    }

    /**
     * The session for this target over this checked destination; with {@code transcripted}, one whose protocol
     * dialogue goes to the watching connection's transcript.
     */
    Session session(SmtpTarget target, Destination destination, boolean transcripted) {
        var key = new Key(
                target.tenantId(),
                target.server(),
                destination.address(),
                destination.host(),
                target.credentials().getClass().getSimpleName(),
                transcripted);
        return cache.get(key, k -> create(target, destination, transcripted));
    }

    /**
     * How long to wait for each reply. A server on the implicit-TLS port (465) spoken to in plain text or with
     * STARTTLS says nothing until TLS begins: its greeting never comes, and waiting the full read timeout for it
     * only delays the answer ("this port expects SSL/TLS") an admin needs.
     */
    Duration replyTimeout(SmtpTarget target) {
        boolean greetingCannotCome = target.port() == 465 && target.security() != ConnectionSecurity.SSL_TLS;
        return greetingCannotCome && readTimeout.compareTo(IMPLICIT_TLS_PORT_WAIT) > 0
                ? IMPLICIT_TLS_PORT_WAIT
                : readTimeout;
    }

    /** Drops the tenant's sessions, e.g. because its settings changed. */
    void forget(UUID tenant) {
        cache.asMap().keySet().removeIf(key -> key.tenant().equals(tenant));
    }

    @Override
    public void close() {
        writeTimeouts.shutdownNow();
    }

    /** Tells this thread's connection's hooks to the shared factories until closed. */
    static Watch watch(Hooks hooks) {
        var heard = new AtomicBoolean();
        // The first word on the TCP connect is the one to keep (the TLS factory says it again, untimed).
        Consumer<@Nullable Duration> once = took -> {
            if (heard.compareAndSet(false, true)) {
                hooks.onConnected().accept(took);
            }
        };
        CURRENT.set(new Hooks(once, hooks.onTlsSocket(), hooks.transcript(), hooks.budget()));
        return new Watch();
    }

    /** Ends what {@link #watch} began, on the same thread. */
    static final class Watch implements AutoCloseable {
        @Override
        public void close() {
            CURRENT.remove();
        }
    }

    private Session create(SmtpTarget target, Destination destination, boolean transcripted) {
        var server = target.server();
        String p = "mail." + server.protocol() + ".";
        Consumer<@Nullable Duration> connected = took -> {
            var hooks = CURRENT.get();
            if (hooks != null) {
                hooks.onConnected().accept(took);
            }
        };
        Consumer<SSLSocket> tlsSocket = socket -> {
            var hooks = CURRENT.get();
            if (hooks != null) {
                hooks.onTlsSocket().accept(socket);
            }
        };
        int writeTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
        PinnedSocketFactories.Guard guard =
                socket -> new GuardedSocket(socket, writeTimeoutMillis, writeTimeouts, currentBudget());
        var props = new Properties();
        props.put(p + "host", destination.address().getHostAddress());
        props.put(p + "port", String.valueOf(target.port()));
        // Jakarta Mail waits forever unless told otherwise.
        props.put(p + "connectiontimeout", String.valueOf(connectTimeout.toMillis()));
        props.put(p + "timeout", String.valueOf(replyTimeout(target).toMillis()));
        // No mail.smtp.writetimeout: the guarded socket keeps it (on the shared scheduler), so Angus does not
        // wrap the connection a second time.
        // The EHLO name is ours, never user input.
        props.put(p + "localhost", ehloName);
        props.put(p + "socketFactory", PinnedSocketFactories.plain(connected, guard));
        props.put(p + "socketFactory.fallback", "false");
        if (target.security() != ConnectionSecurity.NONE) {
            props.put(
                    p + "ssl.socketFactory",
                    PinnedSocketFactories.tls(
                            TlsTrust.socketFactory(server.caPem()), destination.host(), connected, tlsSocket, guard));
            props.put(p + "ssl.protocols", String.join(" ", server.minTls().protocols()));
            // Angus would check the certificate against the address it connects to; the JDK checks it against
            // the host name instead, in the handshake (see PinnedSocketFactories).
            props.put(p + "ssl.checkserveridentity", "false");
        }
        if (target.security() == ConnectionSecurity.SSL_TLS) {
            props.put(p + "ssl.enable", "true");
        }
        if (target.security() == ConnectionSecurity.STARTTLS) {
            // Required: a server that does not offer STARTTLS fails the conversation, never a silent plain-text one.
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        switch (target.credentials()) {
            case Credentials.Password pw -> {
                props.put(p + "auth", "true");
                props.put(p + "auth.mechanisms", "PLAIN LOGIN");
            }
            case Credentials.OAuth2 o -> {
                props.put(p + "auth", "true");
                props.put(p + "auth.mechanisms", "XOAUTH2");
            }
            case Credentials.None n -> props.put(p + "auth", "false");
        }
        var session = Session.getInstance(props);
        if (transcripted) {
            session.setDebugOut(new PrintStream(new ToWatchingTranscript(), false, StandardCharsets.UTF_8));
            session.setDebug(true);
        }
        return session;
    }

    /** The limits of the conversation this thread is having; none for a session used without one. */
    private static ServerBudget currentBudget() {
        var hooks = CURRENT.get();
        return hooks == null ? ServerBudget.unlimited() : hooks.budget();
    }

    /** The debug stream of a transcripted session: into the transcript of the connection this thread watches. */
    private static final class ToWatchingTranscript extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            var out = watching();
            if (out != null) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            var out = watching();
            if (out != null) {
                out.write(b, off, len);
            }
        }

        private static @Nullable OutputStream watching() {
            var hooks = CURRENT.get();
            var transcript = hooks == null ? null : hooks.transcript();
            return transcript == null ? null : transcript.sink();
        }
    }
}
