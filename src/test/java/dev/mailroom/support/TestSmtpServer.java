package dev.mailroom.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server on loopback (SubEthaSMTP) with STARTTLS or implicit TLS, the TLS versions a test
 * wants, and AUTH PLAIN/LOGIN: GreenMail has no STARTTLS.
 */
public final class TestSmtpServer implements AutoCloseable {

    public record Received(String from, String to, String data) {}

    public enum Tls {
        NONE,
        STARTTLS,
        IMPLICIT
    }

    private final SMTPServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger rejectionsLeft;
    private final java.util.concurrent.atomic.AtomicInteger messages = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger arrivals = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger connections =
            new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

    private TestSmtpServer(Builder b) {
        rejectionsLeft = new java.util.concurrent.atomic.AtomicInteger(b.rejections);
        var builder = SMTPServer.port(0)
                .bindAddress(loopback())
                .hostName("localhost")
                // Called once per accepted connection: counts them.
                .sessionIdFactory(() -> "session-" + connections.incrementAndGet())
                .messageHandler((context, from, to, data) -> {
                    if (b.holdAt > 0 && arrivals.incrementAndGet() >= b.holdAt) {
                        // The whole message is in; the client waits for the reply that does not come yet.
                        held.countDown();
                        awaitRelease();
                    }
                    if (b.rejectReply != null
                            && messages.incrementAndGet() > b.acceptFirst
                            && rejectionsLeft.getAndDecrement() > 0) {
                        throw new org.subethamail.smtp.RejectException(
                                Integer.parseInt(b.rejectReply.substring(0, 3)), b.rejectReply.substring(4));
                    }
                    received.add(new Received(from, to, new String(data, StandardCharsets.UTF_8)));
                });
        if (b.username != null) {
            String user = b.username;
            String pass = b.password;
            AuthenticationHandlerFactory auth = b.authFactory != null
                    ? b.authFactory
                    : new EasyAuthenticationHandlerFactory((u, p, ctx) -> check(u, p, user, pass));
            builder.authenticationHandlerFactory(auth);
        }
        if (b.tls == Tls.STARTTLS) {
            builder.enableTLS().requireTLS().startTlsSocketFactory(socket -> {
                socket.setTcpNoDelay(b.noDelay);
                return layer(b.context, socket, b.protocols);
            });
        } else if (b.tls == Tls.IMPLICIT) {
            builder.serverSocketFactory(() -> {
                var serverSocket = (javax.net.ssl.SSLServerSocket)
                        b.context.getServerSocketFactory().createServerSocket();
                serverSocket.setEnabledProtocols(b.protocols);
                return serverSocket;
            });
        }
        if (b.noDelay && b.tls != Tls.IMPLICIT) {
            builder.serverSocketFactory(() -> new java.net.ServerSocket() {
                @Override
                public java.net.Socket accept() throws IOException {
                    var socket = super.accept();
                    socket.setTcpNoDelay(true);
                    return socket;
                }
            });
        }
        server = builder.build();
        server.start();
    }

    private static AuthenticationHandlerFactory refusingFactory(String mechanism, String reply) {
        return new AuthenticationHandlerFactory() {
            @Override
            public List<String> getAuthenticationMechanisms() {
                return List.of(mechanism);
            }

            @Override
            public org.subethamail.smtp.AuthenticationHandler create() {
                return new org.subethamail.smtp.AuthenticationHandler() {
                    @Override
                    public java.util.Optional<String> auth(String line, org.subethamail.smtp.MessageContext context)
                            throws org.subethamail.smtp.RejectException {
                        throw new org.subethamail.smtp.RejectException(
                                Integer.parseInt(reply.substring(0, 3)), reply.substring(4));
                    }

                    @Override
                    public Object getIdentity() {
                        return "nobody";
                    }
                };
            }
        };
    }

    private static AuthenticationHandlerFactory xoauth2Factory(@Nullable String mailbox, @Nullable String refusal) {
        return new AuthenticationHandlerFactory() {
            @Override
            public List<String> getAuthenticationMechanisms() {
                return List.of("XOAUTH2");
            }

            @Override
            public org.subethamail.smtp.AuthenticationHandler create() {
                return new org.subethamail.smtp.AuthenticationHandler() {
                    private @Nullable String identity;

                    @Override
                    public java.util.Optional<String> auth(String line, org.subethamail.smtp.MessageContext context)
                            throws org.subethamail.smtp.RejectException {
                        if (refusal != null) {
                            throw new org.subethamail.smtp.RejectException(535, refusal.substring(4));
                        }
                        String[] parts = line.trim().split(" ");
                        String decoded = new String(
                                java.util.Base64.getDecoder().decode(parts[parts.length - 1]), StandardCharsets.UTF_8);
                        // RFC-less but widely used: "user=<mailbox>^Aauth=Bearer <token>^A^A"
                        if (!decoded.startsWith("user=" + mailbox + "\u0001auth=Bearer ")
                                || decoded.endsWith("Bearer \u0001\u0001")) {
                            throw new org.subethamail.smtp.RejectException(535, "5.7.8 Invalid bearer token");
                        }
                        identity = mailbox;
                        return java.util.Optional.empty();
                    }

                    @Override
                    public Object getIdentity() {
                        return java.util.Objects.requireNonNull(identity);
                    }
                };
            }
        };
    }

    private static void check(String user, String pass, String expectedUser, @Nullable String expectedPass)
            throws LoginFailedException {
        if (!user.equals(expectedUser) || !pass.equals(expectedPass)) {
            throw new LoginFailedException("535 5.7.8 Authentication credentials invalid");
        }
    }

    private static SSLSocket layer(@Nullable SSLContext context, Socket socket, String[] protocols) throws IOException {
        var address = socket.getRemoteSocketAddress();
        var ssl = (SSLSocket) java.util.Objects.requireNonNull(context)
                .getSocketFactory()
                .createSocket(socket, address.toString(), socket.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.setEnabledProtocols(protocols);
        return ssl;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until a held message has arrived in full (see {@link Builder#holdFrom}). */
    public boolean awaitHeld(java.time.Duration timeout) throws InterruptedException {
        return held.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Accepts held messages (a server that took the message but whose reply the client never saw) and all later ones. */
    public void release() {
        released.countDown();
    }

    public int port() {
        return server.getPortAllocated();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        release();
        server.stop();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Tls tls = Tls.NONE;
        private @Nullable SSLContext context;
        private String[] protocols = {"TLSv1.3", "TLSv1.2"};
        private @Nullable String username;
        private @Nullable String password;
        private @Nullable AuthenticationHandlerFactory authFactory;
        private @Nullable String rejectReply;
        private int rejections;
        private int acceptFirst;
        private int holdAt;
        private boolean noDelay;

        /** From the n-th message on, each message is read in full but not answered until {@link #release()}. */
        public Builder holdFrom(int n) {
            this.holdAt = n;
            return this;
        }

        /** With {@link #rejectMessages}: the refusals begin after this many messages were accepted. */
        public Builder acceptFirst(int n) {
            this.acceptFirst = n;
            return this;
        }

        /** Refuses the first {@code times} messages after DATA with this reply, e.g. "421 4.7.0 Try again later". */
        public Builder rejectMessages(int times, String reply) {
            this.rejections = times;
            this.rejectReply = reply;
            return this;
        }

        /**
         * Nagle off on accepted connections, as production servers run: otherwise a reply written in two parts waits
         * for the client's delayed ACK (40 ms). For benchmarks, whose clients are tuned alike.
         */
        public Builder noDelay() {
            this.noDelay = true;
            return this;
        }

        public Builder startTls(SSLContext context) {
            this.tls = Tls.STARTTLS;
            this.context = context;
            return this;
        }

        public Builder implicitTls(SSLContext context) {
            this.tls = Tls.IMPLICIT;
            this.context = context;
            return this;
        }

        public Builder protocols(String... protocols) {
            this.protocols = protocols;
            return this;
        }

        public Builder user(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        public Builder auth(AuthenticationHandlerFactory factory) {
            this.authFactory = factory;
            return this;
        }

        /** AUTH XOAUTH2 accepted for this mailbox with any bearer token (the token's validity is the provider's concern). */
        public Builder xoauth2(String mailbox) {
            this.username = mailbox;
            this.authFactory = xoauth2Factory(mailbox, null);
            return this;
        }

        /** AUTH with this mechanism offered but always refused with this reply (e.g. Microsoft's 535 5.7.139). */
        public Builder authRefusing(String mechanism, String reply) {
            this.username = "anyone";
            this.authFactory = refusingFactory(mechanism, reply);
            return this;
        }

        public TestSmtpServer start() {
            return new TestSmtpServer(this);
        }
    }
}
