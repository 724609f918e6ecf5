package dev.mailroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailroom.support.NodeProcess;
import dev.mailroom.support.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Starts Mailroom in its own JVM on the runtime class path, which is what the README's run command
 * (`./mvnw`, i.e. spring-boot:run) uses, with the embedded database and demo data, and asks for the login
 * page. The other tests run on the test class path; this one catches what only the running application
 * would lack (a dependency declared for tests only, for one).
 */
class RunCommandIT {

    @Test
    void theApplicationStartsOnItsRuntimeClassPathWithTheEmbeddedDatabaseAndDemoData() throws Exception {
        var home = Files.createTempDirectory("mailroom-run");
        int port = Ports.unusedLoopbackPort();
        var log = home.resolve("app.log");
        var builder = new ProcessBuilder(
                        NodeProcess.applicationCommand("--server.address=127.0.0.1", "--spring.profiles.active=demo"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(home.toFile());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("MAILROOM_DATA_DIR", home.resolve("pgdata").toString());
        var process = builder.start();
        try {
            var client = HttpClient.newHttpClient();
            var login = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                    .build();
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .failFast("the application exited; see " + log, () -> !process.isAlive())
                    .until(() -> client.send(login, HttpResponse.BodyHandlers.ofString())
                                            .statusCode()
                                    == 200
                            && Files.readString(log).contains("Created demo tenants Acme and Globex"));
            assertThat(Files.readString(log))
                    .contains("data in " + home.resolve("pgdata"))
                    .contains("A development mode bundle build is not needed")
                    .contains("Demo mailbox listening on 127.0.0.1:");
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    @Test
    void anyOtherStartIsProductionAndWithoutADatabaseItStopsSayingWhatToSet() throws Exception {
        var home = Files.createTempDirectory("mailroom-production");
        var log = home.resolve("app.log");
        var builder = new ProcessBuilder(NodeProcess.applicationCommand("--server.port=0"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(home.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("MAILROOM_"));
        var process = builder.start();
        try {
            assertThat(process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS))
                    .as("the start stops by itself")
                    .isTrue();
            assertThat(process.exitValue()).isNotZero();
            assertThat(Files.readString(log))
                    .contains("No database configured: SPRING_DATASOURCE_URL is not set.")
                    .doesNotContain("embedded PostgreSQL")
                    .doesNotContain("Demo mailbox");
        } finally {
            process.destroyForcibly();
        }
    }
}
