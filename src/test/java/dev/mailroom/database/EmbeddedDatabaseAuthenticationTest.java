package dev.mailroom.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL asks every role for its password (SCRAM), also on loopback: no local program can
 * sign in as the owner or the application without the passwords kept beside the data folder.
 */
class EmbeddedDatabaseAuthenticationTest {

    @TempDir
    Path folder;

    private static void refused(String url, String user, String password) {
        assertThatThrownBy(
                        () -> DriverManager.getConnection(url, user, password).close())
                .as(user + " / '" + password + "'")
                .isInstanceOf(SQLException.class)
                .hasMessageMatching(
                        "(?s).*(password authentication failed|server requested SCRAM-based authentication).*");
    }

    @Test
    void aNewDataFolderAsksEveryRoleForItsPassword() throws Exception {
        var server = EmbeddedPostgresServer.start(folder.resolve("pgdata"), false, "mailroom_app");
        try {
            refused(server.jdbcUrl(), EmbeddedPostgresServer.OWNER, "");
            refused(server.jdbcUrl(), EmbeddedPostgresServer.OWNER, "postgres");
            refused(server.jdbcUrl(), "mailroom_app", "");
            refused(server.jdbcUrl(), "mailroom_app", server.ownerPassword());
            DriverManager.getConnection(server.jdbcUrl(), "mailroom_app", server.appPassword())
                    .close();
            DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.OWNER, server.ownerPassword())
                    .close();

            var passwords = EmbeddedPostgresServer.passwordsFile(folder.resolve("pgdata"));
            assertThat(Files.readString(passwords)).contains(server.appPassword(), server.ownerPassword());
            assertThat(Files.getPosixFilePermissions(passwords))
                    .extracting(Object::toString)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
            assertThat(Files.readString(folder.resolve("pgdata/pg_hba.conf")))
                    .doesNotContainPattern("(?m)^[^#].*trust");
        } finally {
            server.stop();
        }
        var again = EmbeddedPostgresServer.start(folder.resolve("pgdata"), false, "mailroom_app");
        try {
            DriverManager.getConnection(again.jdbcUrl(), "mailroom_app", again.appPassword())
                    .close();
            refused(again.jdbcUrl(), EmbeddedPostgresServer.OWNER, "");
        } finally {
            again.stop();
        }
    }

    @Test
    void aDataFolderMadeBeforePasswordsIsClosedOnItsNextStart() throws Exception {
        Path dataDir = folder.resolve("old-pgdata");
        // What earlier versions left behind: the binaries' own set-up, trusting every local connection.
        try (var old = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start()) {
            try (var c = old.getPostgresDatabase().getConnection();
                    var st = c.createStatement()) {
                st.execute("create database mailroom");
            }
        }
        var server = EmbeddedPostgresServer.start(dataDir, false, "mailroom_app");
        try {
            refused(server.jdbcUrl(), EmbeddedPostgresServer.OWNER, "");
            DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.OWNER, server.ownerPassword())
                    .close();
            DriverManager.getConnection(server.jdbcUrl(), "mailroom_app", server.appPassword())
                    .close();
        } finally {
            server.stop();
        }
    }
}
