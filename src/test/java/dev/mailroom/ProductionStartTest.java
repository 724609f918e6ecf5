package dev.mailroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.config.MisconfigurationException;
import dev.mailroom.support.MailroomTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Every start that does not ask for the demo is production: it needs a database and a key, never falls back to
 * the embedded database or demo data, says what to set when something is missing or wrong, and serves health
 * and metrics. The nodes started here use this test's database as an external one (it holds demo accounts).
 */
@MailroomTest
@ExtendWith(OutputCaptureExtension.class)
class ProductionStartTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Autowired
    Environment test;

    /** A production node: only what an operator would set, on ports of its own, plus {@code extra}. */
    private ConfigurableApplicationContext start(boolean withDatabase, String... extra) {
        var args = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--mailroom.embedded-database.enabled=false",
                "--mailroom.outbox.enabled=false"));
        if (withDatabase) {
            args.addAll(List.of(
                    "--spring.datasource.url=" + test.getRequiredProperty("spring.datasource.url"),
                    "--spring.datasource.username=" + test.getRequiredProperty("spring.datasource.username"),
                    "--spring.datasource.password=" + test.getRequiredProperty("spring.datasource.password"),
                    "--spring.flyway.url=" + test.getRequiredProperty("spring.flyway.url"),
                    "--spring.flyway.user=" + test.getRequiredProperty("spring.flyway.user"),
                    "--spring.flyway.password=" + test.getRequiredProperty("spring.flyway.password")));
        }
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.SERVLET)
                .run(args.toArray(String[]::new));
    }

    @Test
    void withoutADatabaseUrlItStopsAtOnceSayingWhatToSet(CapturedOutput output) {
        assertThatThrownBy(() -> start(false, "--mailroom.secrets.key=" + KEY))
                .isInstanceOf(MisconfigurationException.class)
                .hasMessage("No database configured: SPRING_DATASOURCE_URL is not set.");
        assertThat(output)
                .contains(
                        "APPLICATION FAILED TO START",
                        "No database configured",
                        "Set SPRING_DATASOURCE_URL",
                        "or start the demo with SPRING_PROFILES_ACTIVE=demo");
    }

    @Test
    void withoutAKeyOrWithAWrongOneItStopsNamingTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start(true)).hasRootCauseInstanceOf(MisconfigurationException.class);
        assertThat(output).contains("No key for stored secrets: MAILROOM_SECRET_KEY is not set.");
        assertThatThrownBy(() -> start(
                        true, "--mailroom.secrets.key=" + Base64.getEncoder().encodeToString(new byte[16])))
                .hasRootCauseInstanceOf(MisconfigurationException.class);
        assertThat(output).contains("A key for stored secrets is 16 bytes long, not 32.");
    }

    @Test
    void badSettingsStopTheStartNamingTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                        true,
                        "--mailroom.secrets.key=" + KEY,
                        "--mailroom.default-mail.host=relay.example.com",
                        "--mailroom.default-mail.security=TLS13"))
                .isInstanceOf(Exception.class);
        assertThat(output).contains("mailroom.default-mail.security").contains("TLS13");
        assertThatThrownBy(() -> start(true, "--mailroom.secrets.key=" + KEY, "--mailroom.outbox.poll-interval=soon"))
                .isInstanceOf(Exception.class);
        assertThat(output).contains("mailroom.outbox.poll-interval").contains("soon");
        // Bean Validation on the settings records: a value of the right type that makes no sense.
        assertThatThrownBy(() -> start(true, "--mailroom.secrets.key=" + KEY, "--mailroom.clamav.port=99999"))
                .isInstanceOf(Exception.class);
        assertThat(output).contains("mailroom.clamav.port").contains("99999");
        assertThatThrownBy(() -> start(true, "--mailroom.secrets.key=" + KEY, "--mailroom.mail.ehlo-name=not a name"))
                .isInstanceOf(Exception.class);
        assertThat(output).contains("mailroom.mail.ehlo-name").contains("not a name");
    }

    @Test
    void withADatabaseAndAKeyItServesHealthToAnyoneAndMetricsToOperatorsAndWarnsAboutDemoAccounts(CapturedOutput output)
            throws Exception {
        try (var node = start(true, "--mailroom.secrets.key=" + KEY)) {
            int port = node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            var http = HttpClient.newHttpClient();
            var readiness = get(http, port, "/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body())
                    .contains("\"status\":\"UP\"")
                    .as("details are for operators")
                    .doesNotContain("components");
            assertThat(get(http, port, "/actuator/health/liveness").statusCode())
                    .isEqualTo(200);
            assertThat(get(http, port, "/actuator/prometheus").statusCode())
                    .as("metrics need an operator")
                    .isEqualTo(401);

            assertThat(output).contains("THIS PRODUCTION NODE'S DATABASE HOLDS MAILROOM'S DEMO ACCOUNTS");
            assertThat(node.containsBean("demoMailboxServer"))
                    .as("no demo mailbox in production")
                    .isFalse();
            assertThat(node.getBean(dev.mailroom.egress.EgressProperties.class).allowLoopback())
                    .as("no loopback egress")
                    .isFalse();

            // Signed in as an operator (the demo operator, still in this database), the details are there.
            var operator = HttpClient.newBuilder()
                    .cookieHandler(new java.net.CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            var login = get(operator, port, "/login");
            var token = java.util.regex.Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"")
                    .matcher(login.body());
            assertThat(token.find()).isTrue();
            var signIn = operator.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "username=operator%40mailroom.example&password=mailroom-demo&_csrf="
                                            + java.net.URLEncoder.encode(
                                                    token.group(1), java.nio.charset.StandardCharsets.UTF_8)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.headers().firstValue("Location")).get().asString().doesNotContain("error");
            var health = get(operator, port, "/actuator/health");
            assertThat(health.body())
                    .contains("\"outbox\"", "\"defaultMailService\"", "\"mailStatusListener\"", "\"db\"")
                    .contains("\"waiting\"")
                    .contains("\"kind\":\"NONE\"");
            assertThat(get(operator, port, "/actuator/prometheus").body()).contains("mailroom_mail_waiting");
        }
    }

    @Test
    void withAManagementPortMetricsAndDetailsAreThereAndTheProbesStayOnTheMainPort() throws Exception {
        try (var node = start(
                true,
                "--mailroom.secrets.key=" + KEY,
                "--management.server.port=0",
                "--management.server.address=127.0.0.1")) {
            int port = node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            int management = node.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
            var http = HttpClient.newHttpClient();
            assertThat(get(http, port, "/readyz").statusCode()).isEqualTo(200);
            assertThat(get(http, port, "/livez").statusCode()).isEqualTo(200);

            var metrics = get(http, management, "/actuator/prometheus");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains(
                            "mailroom_mail_waiting",
                            "mailroom_mail_oldest_due_seconds",
                            "mailroom_status_watchers",
                            "mailroom_mail_queued_total{",
                            "mailroom_mail_sent_total{",
                            "mailroom_mail_delivery_seconds",
                            "hikaricp_connections");
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
