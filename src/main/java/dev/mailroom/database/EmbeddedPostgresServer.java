package dev.mailroom.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * One embedded PostgreSQL per JVM. Several Spring contexts in one test JVM (or two "nodes" in one
 * test) share it, exactly as several app nodes share one external server.
 */
public final class EmbeddedPostgresServer {

    static final String OWNER = "postgres";
    private static final String DATABASE = "mailroom";
    private static @Nullable EmbeddedPostgresServer instance;

    private final EmbeddedPostgres postgres;
    private final String appPassword;
    private final Path dataDir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String appPassword, Path dataDir) {
        this.postgres = postgres;
        this.appPassword = appPassword;
        this.dataDir = dataDir;
    }

    public static synchronized EmbeddedPostgresServer startOnce(Path dataDir, boolean clean, String appRole) {
        if (instance == null) {
            instance = start(dataDir.toAbsolutePath(), clean, appRole);
        }
        return instance;
    }

    private static EmbeddedPostgresServer start(Path dataDir, boolean clean, String appRole) {
        try {
            Files.createDirectories(dataDir.getParent());
            var postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            // A fresh password each start: nothing outside this process ever needs to know it.
            String password = randomHex();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
                var exists = st.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
                if (!exists.next()) {
                    st.execute("create database " + DATABASE);
                }
                var role = st.executeQuery("select 1 from pg_roles where rolname = '" + appRole + "'");
                String verb = role.next() ? "alter" : "create";
                st.execute(verb + " role " + appRole + " login nosuperuser nobypassrls password '" + password + "'");
            }
            var server = new EmbeddedPostgresServer(postgres, password, dataDir);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-postgres-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded PostgreSQL", e);
        }
    }

    private static String randomHex() {
        var bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    public Path dataDir() {
        return dataDir;
    }

    String appPassword() {
        return appPassword;
    }

    private void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            // The JVM is going down; PostgreSQL recovers an unclean stop on its next start.
        }
    }
}
