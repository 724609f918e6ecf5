package dev.mailroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The environment variables the README names reach the settings they are documented for. Relaxed binding
 * maps MAILROOM_SECRET_KEY to mailroom.secret.key, not mailroom.secrets.key: application.yaml bridges such
 * names, and this test keeps the bridges.
 */
class DocumentedEnvironmentTest {

    private static StandardEnvironment environment(Map<String, Object> variables) throws Exception {
        var environment = new StandardEnvironment();
        var sources = environment.getPropertySources();
        // The test JVM's own system properties (set by the build) would stand in for the variables.
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.replace(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        new YamlPropertySourceLoader()
                .load("application", new ClassPathResource("application.yaml"))
                .forEach(sources::addLast);
        return environment;
    }

    @Test
    void documentedVariablesSetTheirSettings() throws Exception {
        var env = environment(Map.of(
                "MAILROOM_SECRET_KEY", "a2V5LWZvci10ZXN0cy1vbmx5LTAwMDAwMDAwMDAwMDA=",
                "MAILROOM_PUBLIC_URL", "https://mail.example.com",
                "MAILROOM_DEMO_MAILBOX_PORT", "2626",
                "MAILROOM_DATA_DIR", "/var/lib/mailroom/pgdata",
                "PORT", "9090"));
        assertThat(env.getProperty("mailroom.secrets.key")).isEqualTo("a2V5LWZvci10ZXN0cy1vbmx5LTAwMDAwMDAwMDAwMDA=");
        assertThat(env.getProperty("mailroom.public-url")).isEqualTo("https://mail.example.com");
        assertThat(env.getProperty("mailroom.demo-mailbox.port")).isEqualTo("2626");
        assertThat(env.getProperty("mailroom.embedded-database.data-dir")).isEqualTo("/var/lib/mailroom/pgdata");
        assertThat(env.getProperty("server.port")).isEqualTo("9090");
    }

    @Test
    void withoutThemTheDefaultsApply() throws Exception {
        var env = environment(Map.of());
        assertThat(env.getProperty("mailroom.secrets.key")).isEmpty();
        assertThat(env.getProperty("mailroom.public-url")).isEqualTo("http://localhost:8080");
        assertThat(env.getProperty("mailroom.demo-mailbox.port")).isEqualTo("2525");
        assertThat(env.getProperty("mailroom.demo.enabled"))
                .as("production unless the demo profile is on")
                .isEqualTo("false");
        assertThat(env.getProperty("mailroom.embedded-database.enabled")).isEqualTo("false");
        assertThat(env.getProperty("mailroom.egress.allow-loopback")).isEqualTo("false");
    }

    @Test
    void theDemoProfileTurnsOnTheDemoAndNothingElseDoes() throws Exception {
        var env = environment(Map.of());
        new YamlPropertySourceLoader()
                .load("application-demo", new ClassPathResource("application-demo.yaml"))
                .forEach(env.getPropertySources()::addFirst);
        assertThat(env.getProperty("mailroom.demo.enabled")).isEqualTo("true");
        assertThat(env.getProperty("mailroom.embedded-database.enabled")).isEqualTo("true");
        assertThat(env.getProperty("mailroom.egress.allow-loopback")).isEqualTo("true");
    }

    @Test
    void theNewSettingsReadTheirDocumentedVariables() throws Exception {
        var env = environment(Map.of(
                "MAILROOM_EGRESS_PLAINTEXT_AUTH_NETWORKS",
                "10.20.0.5/32",
                "MAILROOM_THROTTLE_SIGNIN_ACCOUNT_CAPACITY",
                "7"));
        // As the @ConfigurationProperties records bind them (relaxed binding, both spellings of a dashed name).
        var binder = org.springframework.boot.context.properties.bind.Binder.get(env);
        assertThat(binder.bind("mailroom.egress.plaintext-auth-networks", String.class)
                        .get())
                .isEqualTo("10.20.0.5/32");
        assertThat(binder.bind("mailroom.throttle.sign-in.account.capacity", Integer.class)
                        .get())
                .isEqualTo(7);
    }
}
