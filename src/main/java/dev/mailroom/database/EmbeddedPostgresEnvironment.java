package dev.mailroom.database;

import dev.mailroom.config.MisconfigurationException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the application at an embedded PostgreSQL when no database URL is configured, so that the
 * run command and the test suite need no server installed. It runs after the configuration files are
 * read (so {@code application.yaml} and test properties can move the data folder) and before any bean
 * exists, so Flyway, the data source and everything else see an ordinary configured database.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE = "mailroomEmbeddedPostgres";

    // Logging is not set up yet when this runs; a deferred log prints once it is.
    private final Log log;

    public EmbeddedPostgresEnvironment(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedPostgresEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getPropertySources().contains(PROPERTY_SOURCE) || env.containsProperty("spring.datasource.url")) {
            return;
        }
        if (!env.getProperty("mailroom.embedded-database.enabled", Boolean.class, false)) {
            // Production never falls back to an embedded database (and with it the demo's settings).
            throw new MisconfigurationException(
                    "No database configured: SPRING_DATASOURCE_URL is not set.",
                    "Set SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD (the application "
                            + "role) and SPRING_FLYWAY_USER and SPRING_FLYWAY_PASSWORD (the owner role), or start the demo "
                            + "with SPRING_PROFILES_ACTIVE=demo.");
        }
        var dataDir = Path.of(env.getProperty(
                "mailroom.embedded-database.data-dir", System.getProperty("user.home") + "/.mailroom/pgdata"));
        boolean clean = env.getProperty("mailroom.embedded-database.clean", Boolean.class, false);
        String appRole = env.getProperty("spring.flyway.placeholders.app_role", "mailroom_app");
        var server = EmbeddedPostgresServer.startOnce(dataDir, clean, appRole);
        log.info("No database URL configured: using the embedded PostgreSQL at " + server.jdbcUrl() + ", data in "
                + server.dataDir());

        Map<String, Object> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", server.jdbcUrl());
        props.put("spring.datasource.username", appRole);
        props.put("spring.datasource.password", server.appPassword());
        // Flyway migrates as the owner; the application itself never connects as the owner.
        props.put("spring.flyway.url", server.jdbcUrl());
        props.put("spring.flyway.user", EmbeddedPostgresServer.OWNER);
        props.put("spring.flyway.password", server.ownerPassword());
        props.put("mailroom.embedded-database.active", "true");
        env.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, props));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
