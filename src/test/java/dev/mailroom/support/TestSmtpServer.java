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

    public record Received(String from, String to, String data) {
    }

    public enum Tls { NONE, STARTTLS, IMPLICIT }

    private final SMTPServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private TestSmtpServer(Builder b) {
        var builder = SMTPServer.port(0).bindAddress(loopback()).hostName("localhost")
                .messageHandler((context, from, to, data) ->
                        received.add(new Received(from, to, new String(data, StandardCharsets.UTF_8))));
        if (b.username != null) {
            String user = b.username;
            String pass = b.password;
            AuthenticationHandlerFactory auth = b.authFactory != null ? b.authFactory
                    : new EasyAuthenticationHandlerFactory((u, p, ctx) -> check(u, p, user, pass));
            builder.authenticationHandlerFactory(auth);
        }
        if (b.tls == Tls.STARTTLS) {
            builder.enableTLS().requireTLS().startTlsSocketFactory(socket -> layer(b.context, socket, b.protocols));
        } else if (b.tls == Tls.IMPLICIT) {
            builder.serverSocketFactory(() -> {
                var serverSocket = (javax.net.ssl.SSLServerSocket) b.context.getServerSocketFactory().createServerSocket();
                serverSocket.setEnabledProtocols(b.protocols);
                return serverSocket;
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
                        throw new org.subethamail.smtp.RejectException(Integer.parseInt(reply.substring(0, 3)), reply.substring(4));
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
                        String decoded = new String(java.util.Base64.getDecoder().decode(parts[parts.length - 1]),
                                StandardCharsets.UTF_8);
                        // RFC-less but widely used: "user=<mailbox>^Aauth=Bearer <token>^A^A"
                        if (!decoded.startsWith("user=" + mailbox + "\u0001auth=Bearer ") || decoded.endsWith("Bearer \u0001\u0001")) {
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
        var ssl = (SSLSocket) java.util.Objects.requireNonNull(context).getSocketFactory()
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

    public int port() {
        return server.getPortAllocated();
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
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

        public Builder startTls(SSLContext context) { this.tls = Tls.STARTTLS; this.context = context; return this; }
        public Builder implicitTls(SSLContext context) { this.tls = Tls.IMPLICIT; this.context = context; return this; }
        public Builder protocols(String... protocols) { this.protocols = protocols; return this; }
        public Builder user(String username, String password) { this.username = username; this.password = password; return this; }
        public Builder auth(AuthenticationHandlerFactory factory) { this.authFactory = factory; return this; }

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
        public TestSmtpServer start() { return new TestSmtpServer(this); }
    }
}
