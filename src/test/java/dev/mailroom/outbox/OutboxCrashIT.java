package dev.mailroom.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.mailroom.Application;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.ConnectionSecurity;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestSmtpServer;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real crash: a second Mailroom process (on the run command's class path, same database) sends a batch,
 * and is killed with SIGKILL while the SMTP server holds the third message's reply. Nothing may be lost;
 * only the message in flight may arrive twice, with the same Message-ID.
 */
@MailroomTest
class OutboxCrashIT {

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: (<[^>]+>)");

    @Autowired TestTenants fixtures;
    @Autowired SmtpSettingsService settings;
    @Autowired Outbox outbox;
    @Autowired Deliveries deliveries;
    @Autowired OutboxDispatcher dispatcher;
    @Autowired TransactionTemplate transaction;
    @Autowired Environment environment;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    @Test
    void aNodeKilledMidBatchLosesNothingAndOnlyTheMessageInFlightArrivesTwice() throws Exception {
        try (var server = TestSmtpServer.builder().holdFrom(3).start()) {
            fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Crash"), "Cara", Role.ADMIN));
            settings.save(SmtpSettingsDraft.builder().host("127.0.0.1").port(server.port()).security(ConnectionSecurity.NONE)
                    .senderName("Crash Test").senderAddress("noreply@crash.example").authType(AuthType.NONE).build());
            List<String> ids = transaction.execute(tx -> {
                var queued = new ArrayList<String>();
                for (int i = 1; i <= 10; i++) {
                    queued.add(outbox.enqueue(MailKind.ADMIN_NOTICE, "reader" + i + "@crash.example", "Notice " + i, "Body " + i));
                }
                return queued;
            });

            var node = startNode();
            try {
                await().atMost(Duration.ofSeconds(120)).failFast("the node exited; see its log", () -> !node.isAlive())
                        .until(() -> server.awaitHeld(Duration.ofMillis(200)));
            } finally {
                node.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks, no goodbye to the database
                node.waitFor();
            }

            var atCrash = deliveries.recent(100).stream().collect(Collectors.toMap(OutboxMessage::messageId, OutboxMessage::state));
            assertThat(atCrash.get(ids.get(0))).isEqualTo(DeliveryState.SENT);
            assertThat(atCrash.get(ids.get(1))).isEqualTo(DeliveryState.SENT);
            assertThat(atCrash.get(ids.get(2))).as("in flight at the crash").isEqualTo(DeliveryState.SENDING);

            // The server took the held message after all; the dead node never saw its reply.
            server.release();
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                dispatcher.dispatchDue();
                return deliveries.recent(100).stream().allMatch(m -> m.state() == DeliveryState.SENT);
            });

            await().atMost(Duration.ofSeconds(10)).until(() -> server.received().size() == 11);
            Map<String, Long> copies = server.received().stream()
                    .map(r -> MESSAGE_ID.matcher(r.data()).results().findFirst().orElseThrow().group(1))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            var twice = copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            assertThat(twice).containsExactly(ids.get(2));
        }
    }

    @Test
    void aNodeStoppedWithSigtermFinishesItsBatchSoNothingIsSentTwice() throws Exception {
        try (var server = TestSmtpServer.builder().holdFrom(3).start()) {
            fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Rolling"), "Rolf", Role.ADMIN));
            settings.save(SmtpSettingsDraft.builder().host("127.0.0.1").port(server.port()).security(ConnectionSecurity.NONE)
                    .senderName("Rolling Restart").senderAddress("noreply@rolling.example").authType(AuthType.NONE).build());
            List<String> ids = transaction.execute(tx -> {
                var queued = new ArrayList<String>();
                for (int i = 1; i <= 10; i++) {
                    queued.add(outbox.enqueue(MailKind.ADMIN_NOTICE, "reader" + i + "@rolling.example", "Notice " + i, "Body " + i));
                }
                return queued;
            });

            var node = startNode();
            Path log = nodeLog;
            try {
                await("the node to hold the third message").atMost(Duration.ofSeconds(120))
                        .failFast("the node exited; see " + log, () -> !node.isAlive())
                        .until(() -> server.awaitHeld(Duration.ofMillis(200)));
                node.destroy(); // SIGTERM, as an orchestrator stops a node in a rolling restart
                await("the node to begin its graceful shutdown (" + log + ")").atMost(Duration.ofSeconds(30))
                        .until(() -> Files.readString(log).contains("Outbox stopping"));
                // The server answers now: the stopping node must still be there to record it.
                server.release();
                assertThat(node.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("the node stopped; see " + log).isTrue();
            } finally {
                node.destroyForcibly();
            }

            // This node (another one of the rolling restart) sends the rest.
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                dispatcher.dispatchDue();
                return deliveries.recent(100).stream().allMatch(m -> m.state() == DeliveryState.SENT);
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> server.received().size() >= ids.size());
            Map<String, Long> copies = server.received().stream()
                    .map(r -> MESSAGE_ID.matcher(r.data()).results().findFirst().orElseThrow().group(1))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(copies.values()).as("every message exactly once").allMatch(n -> n == 1);
        }
    }

    private Path nodeLog;

    /** Another node: the application's own main class and runtime class path, this test's database. */
    private Process startNode() throws Exception {
        String classes = System.getProperty("mailroom.classes", "target/classes");
        String dependencies = Files.readString(Path.of(System.getProperty("mailroom.runtime-classpath",
                "target/runtime-classpath.txt"))).strip();
        var home = Files.createTempDirectory("mailroom-node");
        var log = home.resolve("node.log");
        nodeLog = log;
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + File.pathSeparator + dependencies, Application.class.getName(),
                "--server.address=127.0.0.1", "--server.port=0",
                "--spring.datasource.url=" + environment.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getRequiredProperty("spring.datasource.password"),
                "--spring.flyway.url=" + environment.getRequiredProperty("spring.flyway.url"),
                "--spring.flyway.user=" + environment.getRequiredProperty("spring.flyway.user"),
                "--spring.flyway.password=" + environment.getProperty("spring.flyway.password", ""),
                "--mailroom.demo.enabled=false",
                "--mailroom.egress.allow-loopback=true",
                "--mailroom.outbox.batch-size=5", "--mailroom.outbox.lease=3s", "--mailroom.outbox.poll-interval=200ms")
                .redirectErrorStream(true).redirectOutput(log.toFile()).directory(home.toFile());
        // Settings here have no secrets, so any key will do for this node.
        builder.environment().put("MAILROOM_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        System.out.println("Second node's log: " + log);
        return builder.start();
    }
}
