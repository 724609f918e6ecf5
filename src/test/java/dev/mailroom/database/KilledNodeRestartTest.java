package dev.mailroom.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo killed with SIGKILL leaves its PostgreSQL running on the data folder; the next start must work
 * (it used to fail with "Gave up waiting for server to start").
 */
class KilledNodeRestartTest {

    @TempDir
    Path folder;

    /** The "application": starts the embedded server on the folder it is given, says so, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        var server = EmbeddedPostgresServer.start(Path.of(args[0]), false, "mailroom_app");
        System.out.println("READY " + server.jdbcUrl());
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5));
    }

    @Test
    void theFirstStartAfterAKillTakesTheFolderBack() throws Exception {
        Path dataDir = folder.resolve("pgdata");
        Path log = folder.resolve("killed.log");
        var killed = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledNodeRestartTest.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            await("the first node's PostgreSQL to be up (" + log + ")")
                    .atMost(Duration.ofSeconds(90))
                    .failFast("the first node exited; see " + log, () -> !killed.isAlive())
                    .until(() -> Files.readString(log).contains("READY"));
        } finally {
            killed.destroyForcibly(); // SIGKILL: its PostgreSQL is not told
            killed.waitFor();
        }
        assertThat(dataDir.resolve("postmaster.pid"))
                .as("the killed node's PostgreSQL still runs")
                .exists();

        var server = EmbeddedPostgresServer.start(dataDir, false, "mailroom_app");
        try {
            DriverManager.getConnection(server.jdbcUrl(), "mailroom_app", server.appPassword())
                    .close();
        } finally {
            server.stop();
        }
    }
}
