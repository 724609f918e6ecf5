package dev.mailroom.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * One embedded PostgreSQL per JVM. Several Spring contexts in one test JVM (or two "nodes" in one
 * test) share it, exactly as several app nodes share one external server.
 * <p>
 * Every role signs in with a password (SCRAM), also over loopback: the binaries' own set-up trusts any local
 * process as any role, which would let every program on the machine read the tenants' data as the owner.
 * The two generated passwords (owner, application) are kept beside the data folder, readable by this user
 * only, like the secret key.
 */
public final class EmbeddedPostgresServer {

    static final String OWNER = "postgres";
    private static final String DATABASE = "mailroom";
    private static final String HBA = """
            # Written by Mailroom: every connection signs in with a password (SCRAM).
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static @Nullable EmbeddedPostgresServer instance;

    private final EmbeddedPostgres postgres;
    private final Passwords passwords;
    private final Path dataDir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Passwords passwords, Path dataDir) {
        this.postgres = postgres;
        this.passwords = passwords;
        this.dataDir = dataDir;
    }

    public static synchronized EmbeddedPostgresServer startOnce(Path dataDir, boolean clean, String appRole) {
        if (instance == null) {
            instance = start(dataDir.toAbsolutePath(), clean, appRole);
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "embedded-postgres-stop"));
        }
        return instance;
    }

    /** The owner's and the application's passwords, generated once per data folder. */
    record Passwords(String owner, String app) {
        static Passwords loadOrCreate(Path file, boolean fresh) throws IOException {
            if (!fresh && Files.exists(file)) {
                var stored = new Properties();
                try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    stored.load(in);
                }
                return new Passwords(stored.getProperty("owner"), stored.getProperty("app"));
            }
            var created = new Passwords(randomHex(), randomHex());
            Files.deleteIfExists(file);
            Files.createFile(file);
            restrict(file);
            Files.writeString(
                    file,
                    "# The embedded PostgreSQL's passwords (Mailroom, generated)\nowner=" + created.owner() + "\napp="
                            + created.app() + "\n",
                    StandardCharsets.UTF_8);
            return created;
        }

        @Override
        public String toString() {
            return "Passwords[…]";
        }
    }

    static Path passwordsFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-passwords.properties");
    }

    /** Starts (and, the first time, creates) the server in {@code dataDir}. */
    static EmbeddedPostgresServer start(Path dataDir, boolean clean, String appRole) {
        try {
            Files.createDirectories(dataDir.getParent());
            stopLeftOver(dataDir);
            boolean fresh = clean || !Files.exists(dataDir.resolve("postgresql.conf"));
            var passwords = Passwords.loadOrCreate(passwordsFile(dataDir), fresh);
            // initdb sets the owner's password from this file (a fresh folder never trusts anyone); it is
            // removed as soon as the server is up.
            Path ownerPasswordFile = Files.createTempFile(dataDir.getParent(), "pg-owner", ".pw");
            restrict(ownerPasswordFile);
            Files.writeString(ownerPasswordFile, passwords.owner());
            boolean upgradeFromTrust;
            EmbeddedPostgres postgres;
            try {
                upgradeFromTrust = !fresh && trusts(dataDir);
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(clean)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("password_encryption", "scram-sha-256")
                        .setLocaleConfig("pwfile", ownerPasswordFile.toString())
                        .setConnectConfig("password", passwords.owner())
                        // A folder made before Mailroom set passwords keeps its trust for this one start, until the
                        // owner has a password; then the rules below replace it (see upgrade).
                        .setDataDirectoryCustomizer(dir -> {
                            if (!upgradeFromTrust) {
                                writeHba(dir.toPath());
                            }
                        })
                        .start();
            } finally {
                Files.deleteIfExists(ownerPasswordFile);
            }
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    var st = c.createStatement()) {
                var exists = st.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
                if (!exists.next()) {
                    st.execute("create database " + DATABASE);
                }
                var role = st.executeQuery("select 1 from pg_roles where rolname = '" + appRole + "'");
                String verb = role.next() ? "alter" : "create";
                st.execute(verb + " role " + appRole + " login nosuperuser nobypassrls password '" + passwords.app()
                        + "'");
                if (upgradeFromTrust) {
                    st.execute("alter role " + OWNER + " password '" + passwords.owner() + "'");
                    writeHba(dataDir);
                    st.execute("select pg_reload_conf()");
                }
            }
            return new EmbeddedPostgresServer(postgres, passwords, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not prepare the embedded PostgreSQL in " + dataDir + " (if its "
                            + passwordsFile(dataDir).getFileName() + " was lost, delete the folder to start afresh)",
                    e);
        }
    }

    /**
     * A JVM killed with SIGKILL cannot stop its PostgreSQL, which goes on running on the data folder, and the
     * next start would fail ("Gave up waiting for server to start"). A server still named in the folder's
     * postmaster.pid is asked to stop (fast shutdown: its clients are gone anyway), and made to if it will not.
     */
    private static void stopLeftOver(Path dataDir) throws IOException {
        var pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        var lines = Files.readAllLines(pidFile);
        if (lines.size() < 2
                || !lines.getFirst().strip().matches("\\d+")
                || !Path.of(lines.get(1).strip()).toAbsolutePath().equals(dataDir.toAbsolutePath())) {
            return;
        }
        var process = ProcessHandle.of(Long.parseLong(lines.getFirst().strip()))
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (process.isEmpty() || !process.get().isAlive()) {
            return;
        }
        var postmaster = process.get();
        LOG.warn(
                "A PostgreSQL left running by an earlier Mailroom (pid {}) still uses {}: stopping it",
                postmaster.pid(),
                dataDir);
        // SIGINT is PostgreSQL's fast shutdown; ProcessHandle only sends SIGTERM (smart) or SIGKILL.
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            postmaster.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("PostgreSQL (pid {}) did not stop in time; ending it", postmaster.pid());
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        }
    }

    private static boolean trusts(Path dataDir) throws IOException {
        var hba = dataDir.resolve("pg_hba.conf");
        return Files.exists(hba)
                && Files.readAllLines(hba).stream()
                        .map(String::strip)
                        .anyMatch(line -> !line.startsWith("#") && line.matches(".*\\btrust$"));
    }

    private static void writeHba(Path dataDir) {
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), HBA);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write pg_hba.conf in " + dataDir, e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the folder's own permissions protect it.
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
        return passwords.app();
    }

    String ownerPassword() {
        return passwords.owner();
    }

    void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            // The JVM is going down; PostgreSQL recovers an unclean stop on its next start.
        }
    }
}
