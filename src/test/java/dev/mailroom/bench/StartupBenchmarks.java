package dev.mailroom.bench;

import dev.mailroom.Application;
import dev.mailroom.support.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
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
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 9, figure 8: Mailroom started as the README's run command starts it (its own JVM on the runtime class
 * path, development mode, default JVM settings), from process start until the login page answers, then its
 * resident memory. Once with the embedded database (fresh data, demo tenants), once against an external
 * PostgreSQL: the suite's own database, which holds every tenant the earlier sections seeded (10,000 after
 * the scale section). Baseline: the embedded PostgreSQL alone (initdb and start), the floor of the first.
 */
final class StartupBenchmarks {

    private static final int RUNS = 3;
    /** What a small deployment would set instead of the JVM's defaults (a quarter of the machine's memory as heap). */
    private static final List<String> SMALL_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC");

    private final ConfigurableApplicationContext node;

    StartupBenchmarks(ConfigurableApplicationContext node) {
        this.node = node;
    }

    record Launch(double readyMs, double jvmRssMiB, double postgresPssMiB) {}

    List<BenchmarkSuite.Row> run() throws Exception {
        var postgresAlone = new ArrayList<Double>();
        var embedded = new ArrayList<Launch>();
        var external = new ArrayList<Launch>();
        var small = new ArrayList<Launch>();
        for (int i = 0; i < RUNS; i++) {
            var dir = Files.createTempDirectory("bench-pg").resolve("data");
            long start = System.nanoTime();
            try (var pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(true)
                    .start()) {
                postgresAlone.add((System.nanoTime() - start) / 1e6);
            }
            embedded.add(launch(
                    List.of(),
                    Map.of(
                            "SPRING_PROFILES_ACTIVE",
                            "demo",
                            "MAILROOM_DATA_DIR",
                            Files.createTempDirectory("bench-run")
                                    .resolve("pgdata")
                                    .toString())));
            external.add(launch(List.of(), externalDatabase()));
            small.add(launch(
                    SMALL_JVM,
                    Map.of(
                            "SPRING_PROFILES_ACTIVE",
                            "demo",
                            "MAILROOM_DATA_DIR",
                            Files.createTempDirectory("bench-run")
                                    .resolve("pgdata")
                                    .toString())));
        }
        int tenants = tenantCount();
        var floor = Stats.of(postgresAlone);
        return List.of(
                new BenchmarkSuite.Row(
                        "8a. Start-up to the login page, embedded PostgreSQL (fresh data, demo tenants), run command",
                        floor.format("ms") + " (PostgreSQL alone)",
                        stats(embedded, Launch::readyMs).format("ms"),
                        stats(embedded, Launch::readyMs).median() / floor.median(),
                        "≤ 12 s"),
                new BenchmarkSuite.Row(
                        "8b. Start-up to the login page, external PostgreSQL with " + tenants + " tenants",
                        "—",
                        stats(external, Launch::readyMs).format("ms"),
                        "—",
                        "≤ 12 s"),
                new BenchmarkSuite.Row(
                        "8c. Resident memory of the JVM after start, embedded database (its PostgreSQL processes: PSS beside)",
                        stats(embedded, Launch::postgresPssMiB).format("MiB") + " (PostgreSQL)",
                        stats(embedded, Launch::jvmRssMiB).format("MiB"),
                        "—",
                        "≤ 400 MiB"),
                new BenchmarkSuite.Row(
                        "8d. Resident memory of the JVM after start, external PostgreSQL with " + tenants + " tenants",
                        "—",
                        stats(external, Launch::jvmRssMiB).format("MiB"),
                        "—",
                        "≤ 400 MiB"),
                new BenchmarkSuite.Row(
                        "8e. The same as 8a/8c with " + String.join(" ", SMALL_JVM) + ": start-up; JVM resident memory",
                        "—",
                        stats(small, Launch::readyMs).format("ms") + "; "
                                + stats(small, Launch::jvmRssMiB).format("MiB"),
                        "—",
                        "≤ 12 s; ≤ 400 MiB"));
    }

    private static Stats stats(List<Launch> launches, java.util.function.ToDoubleFunction<Launch> figure) {
        return Stats.of(launches.stream().map(l -> figure.applyAsDouble(l)).toList());
    }

    /** The environment that points Mailroom at the suite's database, as README's "external PostgreSQL" row says. */
    private Map<String, String> externalDatabase() throws IOException {
        var env = node.getEnvironment();
        // The suite's node made its key in a file beside its data; a deployment sets the variable.
        String key = Files.readString(Path.of(env.getRequiredProperty("mailroom.embedded-database.data-dir"))
                        .toAbsolutePath()
                        .resolveSibling("secret.key"))
                .strip();
        return Map.of(
                "MAILROOM_SECRET_KEY",
                key,
                "SPRING_DATASOURCE_URL",
                env.getRequiredProperty("spring.datasource.url"),
                "SPRING_DATASOURCE_USERNAME",
                env.getRequiredProperty("spring.datasource.username"),
                "SPRING_DATASOURCE_PASSWORD",
                env.getRequiredProperty("spring.datasource.password"),
                "SPRING_FLYWAY_USER",
                env.getRequiredProperty("spring.flyway.user"),
                "SPRING_FLYWAY_PASSWORD",
                env.getProperty("spring.flyway.password", ""),
                "MAILROOM_DEMO_ENABLED",
                "false");
    }

    private int tenantCount() {
        var jdbc = node.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        var tx = node.getBean(org.springframework.transaction.support.TransactionTemplate.class);
        return dev.mailroom.tenant.TenantContext.callAsOperator(() -> tx.execute(t ->
                jdbc.sql("select count(*) from tenant").query(Integer.class).single()));
    }

    private static Launch launch(List<String> jvmOptions, Map<String, String> environment) throws Exception {
        String dependencies =
                Files.readString(Path.of("target", "runtime-classpath.txt")).strip();
        var home = Files.createTempDirectory("bench-run");
        int port = Ports.unusedLoopbackPort();
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                Path.of("target", "classes").toAbsolutePath() + File.pathSeparator + dependencies,
                Application.class.getName(),
                "--server.address=127.0.0.1",
                "--mailroom.demo-mailbox.port=0"));
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("app.log").toFile())
                .directory(home.toFile());
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
                    throw new IllegalStateException("Mailroom exited; see " + home.resolve("app.log"));
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
                    throw new IllegalStateException(
                            "Mailroom did not answer within 3 minutes; see " + home.resolve("app.log"));
                }
                Thread.sleep(20);
            }
            double ready = (System.nanoTime() - start) / 1e6;
            double rss = kib(process.pid(), "status", "VmRSS:") / 1024.0;
            // The embedded PostgreSQL's processes are not our children (pg_ctl daemonizes them): find them by data
            // folder.
            String dataDir = environment.get("MAILROOM_DATA_DIR");
            double pgPss = dataDir == null
                    ? 0
                    : ProcessHandle.allProcesses()
                                    .filter(p -> p.info()
                                                    .commandLine()
                                                    .map(c -> c.contains(dataDir))
                                                    .orElse(false)
                                            || p.parent()
                                                    .flatMap(parent ->
                                                            parent.info().commandLine())
                                                    .map(c -> c.contains(dataDir))
                                                    .orElse(false))
                                    .mapToLong(p -> kib(p.pid(), "smaps_rollup", "Pss:"))
                                    .sum()
                            / 1024.0;
            return new Launch(ready, rss, pgPss);
        } finally {
            process.destroy();
            process.waitFor();
        }
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
