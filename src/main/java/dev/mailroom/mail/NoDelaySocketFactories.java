package dev.mailroom.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.function.Consumer;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories that turn Nagle's algorithm off. SMTP is a chatty request/response protocol; with Nagle
 * on, Angus lost about 60 ms per TLS + AUTH session waiting for delayed ACKs (STACK.md: 92 ms to 29 ms).
 * The TLS factory also reports each TLS socket it makes, so a connection test can show the handshake.
 */
final class NoDelaySocketFactories {

    private NoDelaySocketFactories() {
    }

    static SocketFactory plain() {
        return new Plain();
    }

    static SSLSocketFactory tls(SSLSocketFactory delegate, Consumer<SSLSocket> onTlsSocket) {
        return new Tls(delegate, onTlsSocket);
    }

    private static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    private static final class Plain extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            return noDelay(new Socket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(new Socket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return noDelay(new Socket(address, port, localAddress, localPort));
        }
    }

    private static final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final Consumer<SSLSocket> onTlsSocket;

        Tls(SSLSocketFactory delegate, Consumer<SSLSocket> onTlsSocket) {
            this.delegate = delegate;
            this.onTlsSocket = onTlsSocket;
        }

        private Socket seen(Socket s) throws IOException {
            noDelay(s);
            if (s instanceof SSLSocket ssl) {
                onTlsSocket.accept(ssl);
            }
            return s;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return seen(delegate.createSocket());
        }

        // STARTTLS: TLS layered over the connected plain socket.
        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return seen(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return seen(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return seen(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return seen(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return seen(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
