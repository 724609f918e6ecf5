package dev.mailroom.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * The sockets Angus gets. Angus connects to the address the egress policy checked (it is handed the IP
 * literal, so it never looks the name up again), and TLS is always layered by us over that connection with
 * the tenant's host name: SNI and certificate name checks use the name, the socket uses the pinned address.
 * <p>
 * Nagle's algorithm is off: SMTP is a chatty request/response protocol, and with Nagle on Angus lost about
 * 60 ms per TLS + AUTH session waiting for delayed ACKs (STACK.md: 92 ms to 29 ms). Both factories report
 * how long the TCP connect took, and the TLS factory each TLS socket it makes, so a connection test can show
 * both steps without a connection of its own.
 */
final class PinnedSocketFactories {

    private PinnedSocketFactories() {}

    /**
     * @param onConnected hears that the TCP connection stands, with how long the connect took; the TLS factory
     *                    says it again without a time when it layers TLS (Angus makes implicit-TLS sockets
     *                    itself, so their connect is not timed): the first word is the one to keep
     */
    static SocketFactory plain(Consumer<@Nullable Duration> onConnected, Guard guard) {
        return new Plain(onConnected, guard);
    }

    /** Puts a connection under its conversation's deadline, read allowance and write timeout. */
    @FunctionalInterface
    interface Guard {
        Socket guarded(Socket socket) throws IOException;
    }

    /**
     * @param verifiedHost the name the certificate must be for (the tenant's server name, never the address)
     */
    static SSLSocketFactory tls(
            SSLSocketFactory delegate,
            String verifiedHost,
            Consumer<@Nullable Duration> onConnected,
            Consumer<SSLSocket> onTlsSocket,
            Guard guard) {
        return new Tls(delegate, verifiedHost, onConnected, onTlsSocket, guard);
    }

    private static Socket unconnected(Consumer<@Nullable Duration> onConnected, Guard guard) throws IOException {
        var s = new TimedSocket(onConnected);
        s.setTcpNoDelay(true);
        return guard.guarded(s);
    }

    /** Angus connects the socket itself (to the pinned address); this one says how long that took. */
    private static final class TimedSocket extends Socket {
        private final Consumer<@Nullable Duration> onConnected;

        TimedSocket(Consumer<@Nullable Duration> onConnected) {
            this.onConnected = onConnected;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            long start = System.nanoTime();
            super.connect(endpoint, timeout);
            onConnected.accept(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static SocketException notUsed() {
        return new SocketException("Mailroom hands out unconnected sockets only, connected to the checked address");
    }

    private static final class Plain extends SocketFactory {
        private final Consumer<@Nullable Duration> onConnected;
        private final Guard guard;

        Plain(Consumer<@Nullable Duration> onConnected, Guard guard) {
            this.onConnected = onConnected;
            this.guard = guard;
        }

        @Override
        public Socket createSocket() throws IOException {
            return unconnected(onConnected, guard);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw notUsed();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            throw notUsed();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw notUsed();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            throw notUsed();
        }
    }

    private static final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final String verifiedHost;
        private final Consumer<@Nullable Duration> onConnected;
        private final Consumer<SSLSocket> onTlsSocket;
        private final Guard guard;

        Tls(
                SSLSocketFactory delegate,
                String verifiedHost,
                Consumer<@Nullable Duration> onConnected,
                Consumer<SSLSocket> onTlsSocket,
                Guard guard) {
            this.delegate = delegate;
            this.verifiedHost = verifiedHost;
            this.onConnected = onConnected;
            this.onTlsSocket = onTlsSocket;
            this.guard = guard;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        // Angus does not call this for implicit TLS (SMTPS): it makes a plain Socket itself, connects it and
        // hands it to the method below.
        @Override
        public Socket createSocket() throws IOException {
            return unconnected(onConnected, guard);
        }

        /** TLS over the connected socket, for the tenant's host name whatever Angus calls the peer. */
        @Override
        public Socket createSocket(Socket connected, String ignoredHost, int port, boolean autoClose)
                throws IOException {
            // For implicit TLS Angus made and connected the socket itself, untimed and with Nagle on (which costs
            // SMTP tens of ms); for STARTTLS it is ours (possibly wrapped by Angus) and already said it connected.
            connected.setTcpNoDelay(true);
            onConnected.accept(null);
            // STARTTLS goes over the guarded socket Angus got from us; implicit TLS over one Angus made itself,
            // which is guarded here, below TLS, so the handshake's reads have the conversation's limits too.
            var below = connected instanceof GuardedSocket ? connected : guard.guarded(connected);
            var ssl = (SSLSocket) delegate.createSocket(below, verifiedHost, port, autoClose);
            var parameters = ssl.getSSLParameters();
            // RFC 6125 name check by the JDK during the handshake (RFC 2818 rules, wildcards included).
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(parameters);
            onTlsSocket.accept(ssl);
            return ssl;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw notUsed();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            throw notUsed();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw notUsed();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            throw notUsed();
        }
    }
}
