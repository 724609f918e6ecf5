package dev.mailroom.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A stock Postfix of its own (Debian's, as {@code .ci/postfix-setup} installs it), relaying everything it
 * accepts to one host and port: the baseline a real MTA sets for delivery speed. Accepted mail is held until
 * {@link #release()} (deferred, then flushed: the messages stay in their queue files), so that the figure is how
 * fast Postfix delivers a queue, not how fast it is filled. Only
 * as root and where Postfix is installed; its own configuration folder, the system's Postfix untouched.
 */
final class PostfixBaseline implements AutoCloseable {

    private final Path dir;
    private final int port;

    private PostfixBaseline(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Empty where Postfix is not installed or this is not root (the row then says "no baseline"). */
    static Optional<PostfixBaseline> start(int relayPort) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/sbin/postfix")) || !"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        var dir = Files.createTempDirectory("mailroom-bench-postfix");
        Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(dir.resolve("spool"));
        Files.createDirectories(dir.resolve("data"));
        int port;
        try (var free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        var master = Files.readString(Path.of("/etc/postfix/master.cf.proto"))
                .replaceFirst("(?m)^smtp\\s+inet\\s.*$", "127.0.0.1:" + port + " inet n - n - - smtpd")
                // No chroot: the instance's folders are not laid out for one.
                .replaceAll("(?m)^(\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+)y(\\s)", "$1n$2");
        Files.writeString(dir.resolve("etc/master.cf"), master);
        Files.writeString(
                dir.resolve("etc/main.cf"),
                String.join(
                        "\n",
                        List.of(
                                "compatibility_level = 3.6",
                                "queue_directory = " + dir.resolve("spool"),
                                "data_directory = " + dir.resolve("data"),
                                "meta_directory = /etc/postfix",
                                "shlib_directory = no",
                                "myhostname = bench.localhost",
                                "inet_interfaces = 127.0.0.1",
                                "inet_protocols = ipv4",
                                "mydestination =",
                                "mynetworks = 127.0.0.0/8",
                                "relayhost = [127.0.0.1]:" + relayPort,
                                "smtpd_relay_restrictions = permit_mynetworks, reject",
                                // Queued, not delivered until the bench releases them: the queue, then the delivery.
                                "defer_transports = smtp",
                                "smtp_tls_security_level = none",
                                "maillog_file_prefixes = /var, /tmp",
                                "maillog_file = " + dir.resolve("postfix.log"),
                                "")));
        run("chown", "-R", "postfix", dir.resolve("data").toString());
        run("chmod", "755", dir.toString());
        run("postfix", "-c", dir.resolve("etc").toString(), "set-permissions");
        run("postfix", "-c", dir.resolve("etc").toString(), "start");
        var baseline = new PostfixBaseline(dir, port);
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!baseline.listening()) {
            if (System.nanoTime() > until) {
                baseline.close();
                throw new IllegalStateException("Postfix did not listen on " + port + "; see " + dir);
            }
            Thread.sleep(100); // Postfix's master starts its listener on its own time
        }
        return Optional.of(baseline);
    }

    int port() {
        return port;
    }

    /** Lets the queue go: deliveries on again, and the deferred queue flushed now. */
    void release() throws IOException, InterruptedException {
        String etc = dir.resolve("etc").toString();
        run("postconf", "-c", etc, "-e", "defer_transports =");
        run("postfix", "-c", etc, "reload");
        run("postqueue", "-c", etc, "-f");
    }

    private boolean listening() {
        try (var s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            run("postfix", "-c", dir.resolve("etc").toString(), "stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
