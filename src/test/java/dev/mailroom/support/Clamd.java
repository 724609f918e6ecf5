package dev.mailroom.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Assumptions;

/**
 * A real ClamAV daemon (Debian's clamav-daemon) on a loopback port, with one tiny custom signature that
 * matches the EICAR test string: no signature download needed. Skipped with a message where clamd is
 * missing, except in CI, which installs it.
 */
public final class Clamd implements AutoCloseable {

    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    private static final Path BINARY = Path.of("/usr/sbin/clamd");
    private final Process process;
    private final int port;

    private Clamd(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public int port() {
        return port;
    }

    public static Clamd start() {
        boolean present = Files.isExecutable(BINARY);
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(present, "clamd not installed: apt-get install clamav-daemon (CI installs it)");
        }
        try {
            var dir = Files.createTempDirectory("mailroom-clamd");
            int port = dev.mailroom.support.Ports.unusedLoopbackPort();
            String hex =
                    HexFormat.of().formatHex("EICAR-STANDARD-ANTIVIRUS-TEST-FILE".getBytes(StandardCharsets.US_ASCII));
            Files.writeString(dir.resolve("mailroom.ndb"), "Mailroom-Eicar-Test:0:*:" + hex + "\n");
            var conf = dir.resolve("clamd.conf");
            Files.writeString(
                    conf,
                    String.join(
                            "\n",
                            "TCPSocket " + port,
                            "TCPAddr 127.0.0.1",
                            "DatabaseDirectory " + dir,
                            "Foreground yes",
                            "LogFile " + dir.resolve("clamd.log"),
                            "TemporaryDirectory " + dir,
                            "PidFile " + dir.resolve("clamd.pid"),
                            ""));
            var process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .start();
            var clamd = new Clamd(process, port);
            clamd.awaitReady(Duration.ofSeconds(60));
            return clamd;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration limit) throws IOException {
        var deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("clamd exited with " + process.exitValue());
            }
            try (var socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write("zPING\0".getBytes(StandardCharsets.US_ASCII));
                var reply = new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII);
                if (reply.equals("PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // clamd loads its database before it listens; poll until it answers.
            }
            try {
                process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("clamd did not answer within " + limit);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
