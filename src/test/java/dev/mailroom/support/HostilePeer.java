package dev.mailroom.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server on loopback that misbehaves the way strangers' servers do, over real sockets: it trickles its
 * greeting a byte at a time, answers EHLO without end, or holds a message's reply until told. Each behaviour
 * ends by itself (a bounded number of bytes or a bounded wait), so a test that fails cannot hang the build.
 */
public final class HostilePeer implements AutoCloseable {

    /** What the peer does with a connection. */
    public enum Conduct {
        /** The SMTP greeting, one byte every {@code pace}, and a line that never ends (up to 10,000 bytes). */
        TRICKLING_GREETING,
        /** Greets, then answers EHLO with "250-" lines until the client hangs up (up to 400 MB). */
        ENDLESS_EHLO,
        /** An HTTP server whose 200 answer trickles a byte every {@code pace} (up to 10,000 bytes). */
        TRICKLING_HTTP,
        /** An HTTP server whose 200 answer is a JSON body of 50 MB. */
        ENDLESS_HTTP,
        /** Plain SMTP without AUTH that holds the reply to each message's data until released (or for 60 s). */
        HOLDING_DATA
    }

    private static final long ENDLESS_LIMIT = 400L * 1024 * 1024;

    private final ServerSocket server;
    private final Conduct conduct;
    private final Duration pace;
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch hangUp = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread acceptor;

    public HostilePeer(Conduct conduct, Duration pace) throws IOException {
        this.conduct = conduct;
        this.pace = pace;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.acceptor = Thread.ofVirtual().name("hostile-peer").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Bytes this peer managed to write before the client stopped taking them. */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    public int connections() {
        return connections.get();
    }

    /** Whether the client hung up (its end of a connection closed) within {@code wait}. */
    public boolean awaitHangUp(Duration wait) throws InterruptedException {
        return hangUp.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether a message's data arrived and its reply is being held, within {@code wait}. */
    public boolean awaitHolding(Duration wait) throws InterruptedException {
        return holding.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets a held reply go: "250 ok" to the message being held, and to all that follow. */
    public void release() {
        release.countDown();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                var socket = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                var out = socket.getOutputStream()) {
            switch (conduct) {
                case TRICKLING_GREETING -> trickle(out, "220 slow.test ESMTP " + "z".repeat(10_000));
                case ENDLESS_EHLO -> endlessEhlo(in, out);
                case TRICKLING_HTTP -> {
                    readHttpRequest(in);
                    write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10020\r\n\r\n");
                    trickle(out, "{\"access_token\":\"" + "t".repeat(10_000) + "\"}");
                }
                case ENDLESS_HTTP -> {
                    readHttpRequest(in);
                    long size = 50L * 1024 * 1024;
                    write(
                            out,
                            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + size
                                    + "\r\n\r\n");
                    var chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) ' ');
                    for (long sent = 0; sent < size; sent += chunk.length) {
                        out.write(chunk);
                        bytesWritten.addAndGet(chunk.length);
                    }
                }
                case HOLDING_DATA -> holdData(in, out);
            }
        } catch (IOException e) {
            // The client hung up: what the tests wait for.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hangUp.countDown();
        }
    }

    private void trickle(OutputStream out, String text) throws IOException, InterruptedException {
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            out.write(b);
            out.flush();
            bytesWritten.incrementAndGet();
            Thread.sleep(pace); // the pace is the behaviour under test
        }
    }

    private void endlessEhlo(BufferedReader in, OutputStream out) throws IOException {
        write(out, "220 chatty.test ESMTP\r\n");
        String line = in.readLine();
        if (line == null) {
            return;
        }
        var chunk = ("250-" + "X".repeat(1020) + "\r\n").repeat(64).getBytes(StandardCharsets.US_ASCII);
        while (bytesWritten.get() < ENDLESS_LIMIT) {
            out.write(chunk);
            bytesWritten.addAndGet(chunk.length);
        }
    }

    private void holdData(BufferedReader in, OutputStream out) throws IOException, InterruptedException {
        write(out, "220 holding.test ESMTP\r\n");
        for (String line; (line = in.readLine()) != null; ) {
            String upper = line.toUpperCase(java.util.Locale.ROOT);
            if (upper.startsWith("EHLO")) {
                write(out, "250-holding.test\r\n250 8BITMIME\r\n");
            } else if (upper.startsWith("DATA")) {
                write(out, "354 go ahead\r\n");
                for (String data; (data = in.readLine()) != null && !data.equals("."); ) {
                    // The message itself does not matter.
                }
                holding.countDown();
                boolean released = release.await(60, TimeUnit.SECONDS);
                write(out, released ? "250 2.0.0 ok\r\n" : "451 4.3.0 held too long\r\n");
            } else if (upper.startsWith("QUIT")) {
                write(out, "221 bye\r\n");
                return;
            } else {
                write(out, "250 ok\r\n");
            }
        }
    }

    private static void readHttpRequest(BufferedReader in) throws IOException {
        int length = 0;
        for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        for (int i = 0; i < length; i++) {
            in.read();
        }
    }

    private void write(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes);
        out.flush();
        bytesWritten.addAndGet(bytes.length);
    }

    @Override
    public void close() throws IOException {
        release.countDown();
        server.close();
        acceptor.interrupt();
    }
}
