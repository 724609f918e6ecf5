package dev.mailroom.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The listener's own connection is made with the pool's settings: SSL and the like, the user, the timeout. */
class StatusListenerConnectionTest {

    @Test
    void theListenerConnectsWithThePoolsSettings() {
        try (var pool = new HikariDataSource()) {
            pool.setJdbcUrl("jdbc:postgresql://db.internal:5432/mailroom");
            pool.setUsername("mailroom_app");
            pool.setPassword("app-password");
            pool.setConnectionTimeout(7_000);
            var settings = new Properties();
            settings.setProperty("sslmode", "verify-full");
            settings.setProperty("sslrootcert", "/etc/mailroom/db-ca.pem");
            pool.setDataSourceProperties(settings);

            var listener = StatusChangeListener.connectionProperties(pool);
            assertThat(listener)
                    .containsEntry("sslmode", "verify-full")
                    .containsEntry("sslrootcert", "/etc/mailroom/db-ca.pem")
                    .containsEntry("user", "mailroom_app")
                    .containsEntry("password", "app-password")
                    .containsEntry("connectTimeout", "7")
                    .containsEntry("tcpKeepAlive", "true");
        }
    }
}
