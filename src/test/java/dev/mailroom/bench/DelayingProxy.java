package dev.mailroom.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A server that is {@code oneWay} away in each direction: a TCP proxy on loopback that holds every chunk it
 * forwards for that long (in order), as a network path does. Real providers are 10–100 ms away; loopback hides
 * what a conversation's round trips cost.
 */
final class DelayingProxy implements AutoCloseable {

    private record Chunk(long dueNanos, byte[] bytes) {}

    private static final Chunk END = new Chunk(0, new byte[0]);

    private final ServerSocket server;
    private final int targetPort;
    private final long delayNanos;

    DelayingProxy(int targetPort, Duration oneWay) throws IOException {
        this.targetPort = targetPort;
        this.delayNanos = oneWay.toNanos();
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("delaying-proxy").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                var client = server.accept();
                var upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Bytes from {@code from} reach {@code to} {@code oneWay} later, in order. */
    private void pipe(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        var queue = new LinkedBlockingQueue<Chunk>();
        Thread.ofVirtual().start(() -> {
            var buffer = new byte[16 * 1024];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    queue.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
                }
            } catch (IOException ignored) {
                // The other side went away.
            }
            queue.add(END);
        });
        Thread.ofVirtual().start(() -> {
            try {
                for (Chunk c; (c = queue.take()) != END; ) {
                    for (long wait; (wait = c.dueNanos() - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait); // the path's latency itself
                    }
                    out.write(c.bytes());
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException ignored) {
                // Closed.
            }
        });
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
