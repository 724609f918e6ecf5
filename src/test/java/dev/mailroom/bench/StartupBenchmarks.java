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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

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
        var distribution = buildProduction();
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
                    externalDatabase(),
                    Files.createTempDirectory("bench-run")));
            launcher.add(launch(
                    List.of(distribution.resolve("mailroom").toString(), "--server.address=127.0.0.1"),
                    externalDatabase(),
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

    /**
     * {@code ./mvnw -Pproduction package} in a copy of the sources (so this tree's development-mode build stays as it
     * is), with the Maven of this run; returns the folder the build laid out (target/mailroom).
     */
    private static Path buildProduction() throws Exception {
        var copy = Files.createTempDirectory("bench-production");
        for (String part : List.of("pom.xml", "mvnw", ".mvn", "src/main", "db", "frontend")) {
            var from = Path.of(part);
            var to = copy.resolve(part);
            Files.createDirectories(to.getParent());
            FileSystemUtils.copyRecursively(from, to);
        }
        copy.resolve("mvnw").toFile().setExecutable(true);
        var log = copy.resolve("build.log");
        var build = new ProcessBuilder(
                        copy.resolve("mvnw").toString(), "-q", "-Pproduction", "-Dmaven.test.skip=true", "package")
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        build.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long start = System.nanoTime();
        int exit = build.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("The production build failed (exit " + exit + "); see " + log);
        }
        System.out.printf(
                "Production build with the ahead-of-time cache's training: %.1f s%n",
                (System.nanoTime() - start) / 1e9);
        return copy.resolve("target").resolve("mailroom");
    }

    private static Stats stats(List<Launch> launches, ToDoubleFunction<Launch> figure) {
        return Stats.of(launches.stream().map(figure::applyAsDouble).toList());
    }

    /** The environment that points Mailroom at the suite's database, as README's "external PostgreSQL" row says. */
    private Map<String, String> externalDatabase() throws IOException {
        var env = node.getEnvironment();
        // The suite's node made its key in a file beside its data; a deployment sets the variable.
        String key = Files.readString(Path.of(env.getRequiredProperty("mailroom.embedded-database.data-dir"))
                        .toAbsolutePath()
                        .resolveSibling("secret.key"))
                .strip();
        var vars = new HashMap<String, String>();
        vars.put("JAVA_HOME", System.getProperty("java.home"));
        vars.put("MAILROOM_SECRET_KEY", key);
        vars.put("SPRING_DATASOURCE_URL", env.getRequiredProperty("spring.datasource.url"));
        vars.put("SPRING_DATASOURCE_USERNAME", env.getRequiredProperty("spring.datasource.username"));
        vars.put("SPRING_DATASOURCE_PASSWORD", env.getRequiredProperty("spring.datasource.password"));
        vars.put("SPRING_FLYWAY_USER", env.getRequiredProperty("spring.flyway.user"));
        vars.put("SPRING_FLYWAY_PASSWORD", env.getProperty("spring.flyway.password", ""));
        return vars;
    }

    private int tenantCount() {
        var jdbc = node.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        var tx = node.getBean(org.springframework.transaction.support.TransactionTemplate.class);
        return dev.mailroom.tenant.TenantContext.callAsOperator(() -> tx.execute(t ->
                jdbc.sql("select count(*) from tenant").query(Integer.class).single()));
    }

    /**
     * Starts {@code command} and waits until the login page answers; then the resident memory of the application's
     * JVM and of the JVM that started it (Maven, for the run command; none for the others).
     */
    private static Launch launch(List<String> command, Map<String, String> environment, Path workDir) throws Exception {
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
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Mailroom exited; see " + log);
                }
                try {
                    if (client.send(login, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() - start > 180_000_000_000L) {
                    throw new IllegalStateException("Mailroom did not answer within 3 minutes; see " + log);
                }
                Thread.sleep(20);
            }
            double ready = (System.nanoTime() - start) / 1e6;
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
        } finally {
            // Maven's spring-boot:run forks the application: stop the whole tree, the application first.
            var tree = processTree(process.toHandle());
            for (var p : tree.reversed()) {
                p.destroy();
                p.onExit().get();
            }
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
