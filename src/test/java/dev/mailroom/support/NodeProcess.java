package dev.mailroom.support;

import static org.awaitility.Awaitility.await;

import dev.mailroom.Application;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;

/**
 * Another Mailroom node in a process of its own, as an operator would start it: the application's main class on
 * its runtime class path (the run command's), this test's database as its external one, the test node's key for
 * stored secrets, no demo. Its log is a file the test names when something is missed.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

    private final Process process;
    private final Path log;

    private NodeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * The command that starts Mailroom as the run command does: this JVM's java, the application's classes and
     * its runtime class path (not the tests'), the application's main class; then {@code args}.
     */
    public static List<String> applicationCommand(String... args) throws java.io.IOException {
        String classes = System.getProperty("mailroom.classes", "target/classes");
        String dependencies = Files.readString(
                        Path.of(System.getProperty("mailroom.runtime-classpath", "target/runtime-classpath.txt")))
                .strip();
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classes + File.pathSeparator + dependencies,
                Application.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts a node that shares {@code test}'s database and key; {@code args} add or override settings. */
    public static NodeProcess start(Environment test, String... args) throws Exception {
        var home = Files.createTempDirectory("mailroom-node");
        var log = home.resolve("node.log");
        var command = new ArrayList<>(applicationCommand(
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--spring.datasource.url=" + test.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + test.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password=" + test.getRequiredProperty("spring.datasource.password"),
                "--spring.flyway.url=" + test.getRequiredProperty("spring.flyway.url"),
                "--spring.flyway.user=" + test.getRequiredProperty("spring.flyway.user"),
                "--spring.flyway.password=" + test.getProperty("spring.flyway.password", ""),
                "--mailroom.secrets.key-file="
                        + Path.of(test.getRequiredProperty("mailroom.embedded-database.data-dir"))
                                .toAbsolutePath()
                                .resolveSibling("secret.key")));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(home.toFile())
                .start();
        System.out.println("Second node's log: " + log);
        return new NodeProcess(process, log);
    }

    /** Waits until the node serves HTTP; its port. */
    public int awaitPort() {
        return await("the second node to serve HTTP (" + log + ")")
                .atMost(Duration.ofSeconds(120))
                .failFast("the second node exited; see " + log, () -> !process.isAlive())
                .until(
                        () -> STARTED.matcher(Files.readString(log))
                                .results()
                                .map(m -> Integer.parseInt(m.group(1)))
                                .findFirst()
                                .orElse(0),
                        port -> port > 0);
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
