package dev.mailroom.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class PinnedSocketFactoriesTest {

    static final PinnedSocketFactories.Guard UNGUARDED = socket -> socket;

    @Test
    void aSocketAngusConnectedItselfForImplicitTlsGetsNagleOffAndCountsAsConnectedWithoutATime() throws Exception {
        var heard = new ArrayList<Duration>();
        List<Duration> heardView = heard;
        var factory = PinnedSocketFactories.tls(
                SSLContext.getDefault().getSocketFactory(), "localhost", heardView::add, socket -> {}, UNGUARDED);
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                var plain = new Socket()) {
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            assertThat(plain.getTcpNoDelay()).isFalse();
            try (var tls = factory.createSocket(plain, "ignored", server.getLocalPort(), true)) {
                assertThat(plain.getTcpNoDelay()).isTrue();
                assertThat(heard).containsExactly((Duration) null);
            }
        }
    }

    @Test
    void aSocketWeHandOutIsTimedWhenAngusConnectsIt() throws Exception {
        var heard = new ArrayList<Duration>();
        var factory = PinnedSocketFactories.plain(heard::add, UNGUARDED);
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                var socket = factory.createSocket()) {
            assertThat(socket.getTcpNoDelay()).isTrue();
            assertThat(heard).isEmpty();
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 1000);
            assertThat(heard).singleElement().satisfies(took -> assertThat(took).isPositive());
        }
    }
}
