package dev.mailroom.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/** The shipped limits, and that an operator can change one through the environment as the README says. */
class ThrottlePropertiesTest {

    private static ThrottleProperties bind(Map<String, Object> environment) throws Exception {
        var sources = new ArrayList<PropertySource<?>>();
        sources.add(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        sources.addAll(new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml")));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bind("mailroom.throttle", ThrottleProperties.class)
                .get();
    }

    @Test
    void theShippedLimitsAreTheDocumentedOnes() throws Exception {
        var limits = bind(Map.of());
        assertThat(limits.limit(ThrottledAction.CONNECTION_TEST, ThrottleScope.ADMIN))
                .isEqualTo(new ThrottleProperties.Limit(5, Duration.ofMinutes(1)));
        assertThat(limits.limit(ThrottledAction.CONNECTION_TEST, ThrottleScope.TENANT))
                .isEqualTo(new ThrottleProperties.Limit(20, Duration.ofHours(1)));
        assertThat(limits.limit(ThrottledAction.CONNECTION_TEST, ThrottleScope.HOST))
                .isEqualTo(new ThrottleProperties.Limit(30, Duration.ofHours(1)));
        assertThat(limits.limit(ThrottledAction.SAVE, ThrottleScope.ADMIN))
                .isEqualTo(new ThrottleProperties.Limit(10, Duration.ofMinutes(1)));
        assertThat(limits.limit(ThrottledAction.SAVE, ThrottleScope.HOST)).isNull();
        assertThat(limits.testLease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(limits.limit(ThrottledAction.PASSWORD_RESET, ThrottleScope.ADDRESS))
                .isEqualTo(new ThrottleProperties.Limit(3, Duration.ofHours(1)));
        assertThat(limits.limit(ThrottledAction.PASSWORD_RESET, ThrottleScope.CLIENT))
                .isEqualTo(new ThrottleProperties.Limit(10, Duration.ofHours(1)));
        assertThat(limits.limit(ThrottledAction.PASSWORD_RESET, ThrottleScope.ADMIN))
                .isNull();
        assertThat(limits.shared("SMTP.Office365.com "))
                .as("as an admin may type it")
                .isTrue();
        assertThat(limits.shared("smtp.gmail.com")).isTrue();
        assertThat(limits.shared("mail.example.com")).isFalse();
    }

    @Test
    void anEnvironmentVariableNamesTheSharedHosts() throws Exception {
        var limits = bind(Map.of("MAILROOM_THROTTLE_SHAREDHOSTS", "smtp.eu.example, relay.example"));
        assertThat(limits.shared("relay.example")).isTrue();
        assertThat(limits.shared("smtp.office365.com"))
                .as("the list replaces the shipped one")
                .isFalse();
    }

    @Test
    void aSharedHostThatIsNoHostNameStopsTheStart() {
        assertThatThrownBy(() -> bind(Map.of("MAILROOM_THROTTLE_SHAREDHOSTS", "smtp.office365.com:587")))
                .hasRootCauseMessage("mailroom.throttle.shared-hosts: 'smtp.office365.com:587' is not a host name");
    }

    @Test
    void anEnvironmentVariableChangesOneLimit() throws Exception {
        var limits = bind(Map.of("MAILROOM_THROTTLE_CONNECTIONTEST_ADMIN_CAPACITY", "7"));
        assertThat(limits.limit(ThrottledAction.CONNECTION_TEST, ThrottleScope.ADMIN))
                .isEqualTo(new ThrottleProperties.Limit(7, Duration.ofMinutes(1)));
        assertThat(List.of(limits.limit(ThrottledAction.CONNECTION_TEST, ThrottleScope.TENANT)
                        .capacity()))
                .containsExactly(20L);
    }
}
