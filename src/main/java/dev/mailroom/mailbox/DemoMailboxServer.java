package dev.mailroom.mailbox;

import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.mail.TlsVersion;
import dev.mailroom.smtp.DefaultMailServiceProperties;
import dev.mailroom.smtp.TenantMailTargets;
import dev.mailroom.users.UserAddresses;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.auth.LoginAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.MultipleAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.PlainAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.UsernamePasswordValidator;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.SessionHandler;

/**
 * The demo mailbox's SMTP server (SubEthaSMTP) on 127.0.0.1: STARTTLS with the demo certificate, AUTH
 * PLAIN or LOGIN (offered only after STARTTLS, as real submission servers do), one demo account. It
 * accepts mail for users of any tenant and files it under that tenant; other recipients get 550. In demo
 * mode it is also the default mail service, unless the operator configured one.
 */
@Component
@ConditionalOnBooleanProperty("mailroom.demo.enabled")
@EnableConfigurationProperties(DemoMailboxProperties.class)
class DemoMailboxServer implements SmartLifecycle, TenantMailTargets.DefaultServiceFallback {

    /** An IP literal rather than "localhost", which may resolve to ::1 first; the certificate names both. */
    static final String HOST = "127.0.0.1";

    static final String SENDER = "noreply@mailroom.example";
    private static final String KEYSTORE = "demo-mailbox/server.p12";
    private static final String CA = "demo-mailbox/ca.pem";
    // The keystore ships with the application and holds a loopback-only demo key; its password guards nothing.
    private static final char[] KEYSTORE_PASSWORD = "mailroom-demo".toCharArray();
    private static final Logger log = LoggerFactory.getLogger(DemoMailboxServer.class);

    private final DemoMailboxProperties properties;
    private final MailboxStore store;
    private final UserAddresses addresses;
    private final dev.mailroom.outbox.Outbox outbox;
    private final SSLContext tls;
    private final String caPem;
    /** Who signed in on which open session; SubEthaSMTP does not say which mechanism was used. */
    private final Map<String, MailboxArrival.SignIn> signIns = new ConcurrentHashMap<>();

    private volatile @Nullable SMTPServer server;

    DemoMailboxServer(
            DemoMailboxProperties properties,
            MailboxStore store,
            UserAddresses addresses,
            dev.mailroom.outbox.Outbox outbox) {
        this.properties = properties;
        this.outbox = outbox;
        this.store = store;
        this.addresses = addresses;
        this.tls = serverContext();
        this.caPem = read(CA);
    }

    @Override
    public void start() {
        try {
            server = listen(properties.port());
        } catch (RuntimeException e) {
            if (properties.port() == 0 || !causedBy(e, BindException.class)) {
                throw e;
            }
            // A demo should start even when another one holds the port: the Mailbox page shows the one in use.
            log.warn("Port {} is taken; the demo mailbox listens on another one", properties.port());
            server = listen(0);
        }
        log.info(
                "Demo mailbox listening on {}:{} (STARTTLS, AUTH PLAIN/LOGIN as '{}')",
                HOST,
                port(),
                properties.username());
    }

    private SMTPServer listen(int port) {
        var smtp = SMTPServer.port(port)
                .bindAddress(loopback())
                .hostName("localhost")
                .softwareName("Mailroom demo mailbox")
                .enableTLS()
                .startTlsSocketFactory(socket -> {
                    // Nagle off, as real servers have it: otherwise the handshake waits for a delayed ACK (40 ms).
                    socket.setTcpNoDelay(true);
                    var ssl = (SSLSocket) tls.getSocketFactory()
                            .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                    ssl.setUseClientMode(false);
                    return ssl;
                })
                .authenticationHandlerFactory(new MultipleAuthenticationHandlerFactory(List.of(
                        new PlainAuthenticationHandlerFactory(validator("PLAIN")),
                        new LoginAuthenticationHandlerFactory(validator("LOGIN")))))
                .requireAuth()
                .maxMessageSize((int) properties.maxMessageSize().toBytes())
                .maxConnections(50)
                .sessionHandler(new SessionHandler() {
                    @Override
                    public SessionAcceptance accept(org.subethamail.smtp.server.Session session) {
                        return SessionAcceptance.success();
                    }

                    @Override
                    public void onSessionEnd(org.subethamail.smtp.server.Session session) {
                        signIns.remove(session.getSessionId());
                    }
                })
                .messageHandlerFactory(context -> new MailboxArrival(
                        context, store, addresses, signIns::get, outbox::tenantOfMessage, properties.keep()))
                .build();
        smtp.start();
        return smtp;
    }

    private UsernamePasswordValidator validator(String mechanism) {
        return (username, password, context) -> {
            if (!same(username, properties.username()) | !same(password, properties.password())) {
                throw new LoginFailedException("Authentication credentials invalid");
            }
            signIns.put(context.getSessionId(), new MailboxArrival.SignIn(mechanism, username));
        };
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public DefaultMailServiceProperties properties() {
        return new DefaultMailServiceProperties(
                HOST,
                port(),
                ConnectionSecurity.STARTTLS,
                TlsVersion.TLS_1_2,
                caPem,
                "Mailroom",
                SENDER,
                properties.username(),
                properties.password(),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    DemoMailboxAccess access() {
        return new DemoMailboxAccess(
                HOST, port(), ConnectionSecurity.STARTTLS, properties.username(), properties.password(), caPem);
    }

    int port() {
        var running = server;
        return running == null ? properties.port() : running.getPortAllocated();
    }

    @Override
    public void stop() {
        var running = server;
        if (running != null) {
            running.stop();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    private static SSLContext serverContext() {
        try (var in = new ClassPathResource(KEYSTORE).getInputStream()) {
            var keys = KeyStore.getInstance("PKCS12");
            keys.load(in, KEYSTORE_PASSWORD);
            var managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, KEYSTORE_PASSWORD);
            var context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("The demo mailbox certificate cannot be read", e);
        }
    }

    private static String read(String resource) {
        try (var in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName(HOST);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
