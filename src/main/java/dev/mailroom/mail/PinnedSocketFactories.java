package dev.mailroom.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Consumer;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The sockets Angus gets. Angus connects to the address the egress policy checked (it is handed the IP
 * literal, so it never looks the name up again), and TLS is always layered by us over that connection with
 * the tenant's host name: SNI and certificate name checks use the name, the socket uses the pinned address.
 * <p>
 * Nagle's algorithm is off: SMTP is a chatty request/response protocol, and with Nagle on Angus lost about
 * 60 ms per TLS + AUTH session waiting for delayed ACKs (STACK.md: 92 ms to 29 ms). The TLS factory also
 * reports each TLS socket it makes, so a connection test can show the handshake.
 */
final class PinnedSocketFactories {

    private PinnedSocketFactories() {
    }

    static SocketFactory plain() {
        return new Plain();
    }

    /**
     * @param verifiedHost the name the certificate must be for (the tenant's server name, never the address)
     */
    static SSLSocketFactory tls(SSLSocketFactory delegate, String verifiedHost, Consumer<SSLSocket> onTlsSocket) {
        return new Tls(delegate, verifiedHost, onTlsSocket);
    }

    private static Socket unconnected() throws IOException {
        var s = new Socket();
        s.setTcpNoDelay(true);
        return s;
    }

    private static SocketException notUsed() {
        return new SocketException("Mailroom hands out unconnected sockets only, connected to the checked address");
    }

    private static final class Plain extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            return unconnected();
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
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            throw notUsed();
        }
    }

    private static final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final String verifiedHost;
        private final Consumer<SSLSocket> onTlsSocket;

        Tls(SSLSocketFactory delegate, String verifiedHost, Consumer<SSLSocket> onTlsSocket) {
            this.delegate = delegate;
            this.verifiedHost = verifiedHost;
            this.onTlsSocket = onTlsSocket;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        // Implicit TLS (SMTPS) too: a plain socket that Angus connects and then hands to the method below.
        @Override
        public Socket createSocket() throws IOException {
            return unconnected();
        }

        /** TLS over the connected socket, for the tenant's host name whatever Angus calls the peer. */
        @Override
        public Socket createSocket(Socket connected, String ignoredHost, int port, boolean autoClose) throws IOException {
            var ssl = (SSLSocket) delegate.createSocket(connected, verifiedHost, port, autoClose);
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
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            throw notUsed();
        }
    }
}
