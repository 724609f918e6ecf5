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
        public TestSmtpServer start() { return new TestSmtpServer(this); }
    }
}
