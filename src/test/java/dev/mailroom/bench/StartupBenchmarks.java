package dev.mailroom.bench;

import dev.mailroom.support.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Figure 8: start-up to the login page and resident memory after start, for the two ways the README starts
 * Mailroom. The run command is run as typed ({@code ./mvnw}: Maven, then the application's own JVM with the
 * settings of {@code src/main/dist/jvm.options}, development mode, embedded database, demo tenants). Production is
 * built here ({@code ./mvnw -Pproduction package} in a copy of the sources) and started twice against the suite's
 * database, which holds every tenant the earlier sections seeded: as {@code java -jar} with the JVM's defaults (the
 * baseline: how it was started before) and through the launcher the build lays out ({@code target/mailroom/mailroom}:
 * jvm.options and the trained ahead-of-time cache). The embedded PostgreSQL alone (initdb and start) is the floor
 * of the run command.
 */
final class StartupBenchmarks {

    private static final int RUNS = 3;

    private final ConfigurableApplicationContext node;

    StartupBenchmarks(ConfigurableApplicationContext node) {
        this.node = node;
    }

    record Launch(double readyMs, double appRssMiB, double otherRssMiB) {}

    List<BenchmarkSuite.Row> run() throws Exception {
        var distribution = ProductionBuild.distribution();
        var postgresAlone = new ArrayList<Double>();
        var runCommand = new ArrayList<Launch>();
        var plainJar = new ArrayList<Launch>();
        var launcher = new ArrayList<Launch>();
        // Interleaved, so that a busy moment of the machine is shared by all three.
        for (int i = 0; i < RUNS; i++) {
            var dir = Files.createTempDirectory("bench-pg").resolve("data");
            long start = System.nanoTime();
            try (var pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(true)
                    .start()) {
                postgresAlone.add((System.nanoTime() - start) / 1e6);
            }
            runCommand.add(launch(
                    List.of(
                            Path.of("mvnw").toAbsolutePath().toString(),
                            "-q",
                            "-Dspring-boot.run.arguments=--server.address=127.0.0.1 --mailroom.demo-mailbox.port=0"),
                    Map.of(
                            "JAVA_HOME",
                            System.getProperty("java.home"),
                            "MAILROOM_DATA_DIR",
                            Files.createTempDirectory("bench-run")
                                    .resolve("pgdata")
                                    .toString()),
                    Path.of("").toAbsolutePath()));
            plainJar.add(launch(
                    List.of(
                            java(),
                            "-jar",
                            distribution.resolve("mailroom.jar").toString(),
                            "--server.address=127.0.0.1"),
                    ProductionBuild.externalDatabase(node),
                    Files.createTempDirectory("bench-run")));
            launcher.add(launch(
                    List.of(distribution.resolve("mailroom").toString(), "--server.address=127.0.0.1"),
                    ProductionBuild.externalDatabase(node),
                    Files.createTempDirectory("bench-run")));
        }
        int tenants = tenantCount();
        var floor = Stats.of(postgresAlone);
        var plain = stats(plainJar, Launch::readyMs);
        var started = stats(launcher, Launch::readyMs);
        return List.of(
                new BenchmarkSuite.Row(
                        "8a. Start-up to the login page: the run command `./mvnw` (Maven included; embedded PostgreSQL, demo tenants)",
                        floor.format("ms") + " (PostgreSQL alone)",
                        stats(runCommand, Launch::readyMs).format("ms"),
                        stats(runCommand, Launch::readyMs).median() / floor.median(),
                        "≤ 10 s"),
                new BenchmarkSuite.Row(
                        "8b. Start-up to the login page: production, external PostgreSQL with " + tenants
                                + " tenants; `java -jar` with the JVM's defaults vs the launcher (jvm.options, AOT cache)",
                        plain.format("ms"),
                        started.format("ms"),
                        started.median() / plain.median(),
                        "≤ 4 s"),
                new BenchmarkSuite.Row(
                        "8c. Resident memory after start: the run command's application JVM (Maven's own JVM beside)",
                        stats(runCommand, Launch::otherRssMiB).format("MiB") + " (Maven)",
                        stats(runCommand, Launch::appRssMiB).format("MiB"),
                        "—",
                        "≤ 400 MiB"),
                new BenchmarkSuite.Row(
                        "8d. Resident memory after start: production, `java -jar` with the JVM's defaults vs the launcher",
                        stats(plainJar, Launch::appRssMiB).format("MiB"),
                        stats(launcher, Launch::appRssMiB).format("MiB"),
                        stats(launcher, Launch::appRssMiB).median()
                                / stats(plainJar, Launch::appRssMiB).median(),
                        "≤ 400 MiB"));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Stats stats(List<Launch> launches, ToDoubleFunction<Launch> figure) {
        return Stats.of(launches.stream().map(figure::applyAsDouble).toList());
    }

    private int tenantCount() {
        var jdbc = node.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        var tx = node.getBean(org.springframework.transaction.support.TransactionTemplate.class);
        return dev.mailroom.tenant.TenantContext.callAsOperator(() -> tx.execute(t ->
                jdbc.sql("select count(*) from tenant").query(Integer.class).single()));
    }

    /** A Mailroom process that answered its login page: on {@code port}, after {@code readyMs}. */
    record Started(Process process, int port, double readyMs, Path log) implements AutoCloseable {
        /** Stops the process and its descendants (Maven's spring-boot:run forks the application), children first. */
        @Override
        public void close() throws Exception {
            var tree = processTree(process.toHandle());
            for (var p : tree.reversed()) {
                p.destroy();
                p.onExit().get();
            }
        }
    }

    /** Starts {@code command} on a free port (the PORT variable) and waits until its login page answers. */
    static Started start(List<String> command, Map<String, String> environment, Path workDir) throws Exception {
        int port = Ports.unusedLoopbackPort();
        var log = Files.createTempDirectory("bench-run").resolve("app.log");
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(workDir.toFile());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().putAll(environment);
        var client = HttpClient.newHttpClient();
        var login = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .build();
        long start = System.nanoTime();
        var process = builder.start();
        var started = new Started(process, port, 0, log);
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Mailroom exited; see " + log);
                }
                try {
                    if (client.send(login, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200) {
                        return new Started(process, port, (System.nanoTime() - start) / 1e6, log);
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() - start > 180_000_000_000L) {
                    throw new IllegalStateException("Mailroom did not answer within 3 minutes; see " + log);
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            started.close();
            throw e;
        }
    }

    /**
     * Starts {@code command}, waits until the login page answers, stops it; the time and the resident memory of the
     * application's JVM and of the JVM that started it (Maven, for the run command; none for the others).
     */
    private static Launch launch(List<String> command, Map<String, String> environment, Path workDir) throws Exception {
        try (var started = start(command, environment, workDir)) {
            var process = started.process();
            double ready = started.readyMs();
            // The run command's mvnw becomes Maven's JVM, which forks the application; the launcher becomes the
            // application's JVM itself.
            var forked = process.toHandle()
                    .descendants()
                    .filter(StartupBenchmarks::isJava)
                    .toList();
            double root = kib(process.pid(), "status", "VmRSS:") / 1024.0;
            double forkedRss = forked.stream()
                            .mapToLong(p -> kib(p.pid(), "status", "VmRSS:"))
                            .sum()
                    / 1024.0;
            double app = forked.isEmpty() ? root : forkedRss;
            double other = forked.isEmpty() ? 0 : root;
            return new Launch(ready, app, other);
        }
    }

    private static boolean isJava(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    /** The process and its descendants (a shell script's exec keeps the pid). */
    private static List<ProcessHandle> processTree(ProcessHandle root) {
        var all = new ArrayList<ProcessHandle>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    /** A figure in KiB from /proc/&lt;pid&gt;/&lt;file&gt; (Linux). */
    private static long kib(long pid, String file, String field) {
        try {
            for (var line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
            return 0;
        } catch (IOException gone) {
            return 0;
        }
    }
}
