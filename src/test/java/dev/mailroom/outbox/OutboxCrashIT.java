package dev.mailroom.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.NodeProcess;
import dev.mailroom.support.TestSmtpServer;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real crash: a second Mailroom process (on the run command's class path, same database) sends a batch,
 * and is killed with SIGKILL while the SMTP server holds the third message's reply. Nothing may be lost; what
 * may arrive twice (with the same Message-ID) is the message in flight and accepted messages whose SENT mark
 * was not yet written: at most one group ({@link SentMarks#GROUP} messages, {@link SentMarks#WINDOW} of sending).
 */
@MailroomTest
class OutboxCrashIT {

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: (<[^>]+>)");

    @Autowired
    TestTenants fixtures;

    @Autowired
    SmtpSettingsService settings;

    @Autowired
    Outbox outbox;

    @Autowired
    Deliveries deliveries;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    Environment environment;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    @Test
    void aNodeKilledMidBatchLosesNothingAndSendsAgainOnlyWhatWasNotMarkedSent() throws Exception {
        try (var server = TestSmtpServer.builder().holdFrom(3).start()) {
            List<String> ids = tenQueuedFor(server, "Crash");

            var second = startNode();
            var node = second.process();
            try {
                await().atMost(Duration.ofSeconds(120))
                        .failFast("the node exited; see " + second.log(), () -> !node.isAlive())
                        .until(() -> server.awaitHeld(Duration.ofMillis(200)));
                // The group of the two accepted messages is written within its window, while the third is held.
                await("the node to mark the two accepted messages SENT")
                        .atMost(Duration.ofSeconds(10))
                        .pollInSameThread()
                        .until(() -> deliveries.recent(100).stream()
                                        .filter(m -> m.state() == DeliveryState.SENT)
                                        .count()
                                == 2);
            } finally {
                node.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks, no goodbye to the database
                node.waitFor();
            }

            var atCrash = deliveries.recent(100).stream()
                    .collect(Collectors.toMap(OutboxMessage::messageId, OutboxMessage::state));
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
                    .map(r -> MESSAGE_ID
                            .matcher(r.data())
                            .results()
                            .findFirst()
                            .orElseThrow()
                            .group(1))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            var twice = copies.entrySet().stream()
                    .filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey)
                    .toList();
            assertThat(twice).containsExactly(ids.get(2));
        }
    }

    @Test
    void aNodeStoppedWithSigtermFinishesItsBatchSoNothingIsSentTwice() throws Exception {
        try (var server = TestSmtpServer.builder().holdFrom(3).start()) {
            List<String> ids = tenQueuedFor(server, "Rolling");

            var second = startNode();
            var node = second.process();
            Path log = second.log();
            try {
                await("the node to hold the third message")
                        .atMost(Duration.ofSeconds(120))
                        .failFast("the node exited; see " + log, () -> !node.isAlive())
                        .until(() -> server.awaitHeld(Duration.ofMillis(200)));
                node.destroy(); // SIGTERM, as an orchestrator stops a node in a rolling restart
                await("the node to begin its graceful shutdown (" + log + ")")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> Files.readString(log).contains("Outbox stopping"));
                // The server answers now: the stopping node must still be there to record it.
                server.release();
                assertThat(node.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                        .as("the node stopped; see " + log)
                        .isTrue();
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
                    .map(r -> MESSAGE_ID
                            .matcher(r.data())
                            .results()
                            .findFirst()
                            .orElseThrow()
                            .group(1))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(copies.values()).as("every message exactly once").allMatch(n -> n == 1);
        }
    }

    /** A new tenant sending to {@code server}, with ten messages queued; their Message-IDs in order. */
    private List<String> tenQueuedFor(TestSmtpServer server, String name) {
        fixtures.signInAs(fixtures.newUser(fixtures.newTenant(name), "Admin of " + name, Role.ADMIN));
        settings.save(SmtpSettingsDraft.builder()
                .host("127.0.0.1")
                .port(server.port())
                .security(ConnectionSecurity.NONE)
                .senderName(name)
                .senderAddress("noreply@" + name.toLowerCase(java.util.Locale.ROOT) + ".example")
                .authType(AuthType.NONE)
                .build());
        return transaction.execute(tx -> {
            var queued = new ArrayList<String>();
            for (int i = 1; i <= 10; i++) {
                queued.add(outbox.enqueue(
                        MailKind.ADMIN_NOTICE,
                        "reader" + i + "@" + name.toLowerCase(java.util.Locale.ROOT) + ".example",
                        "Notice " + i,
                        "Body " + i));
            }
            return queued;
        });
    }

    /**
     * A second node sending this test's outbox, in batches of five with a short lease, one batch of the tenant at a
     * time: the crash bound is a bound per conversation, and the test names which messages each one sends.
     */
    private NodeProcess startNode() throws Exception {
        return NodeProcess.start(
                environment,
                "--mailroom.egress.allow-loopback=true",
                "--mailroom.outbox.batch-size=5",
                "--mailroom.outbox.per-tenant=1",
                "--mailroom.outbox.lease=3s",
                "--mailroom.outbox.poll-interval=200ms");
    }
}
