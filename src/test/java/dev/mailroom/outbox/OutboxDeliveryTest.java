package dev.mailroom.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailroom.Application;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatus;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.Ports;
import dev.mailroom.support.TestSmtpServer;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import dev.mailroom.users.User;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Product mail through the outbox to real SMTP servers on loopback, with this context's dispatcher running. */
@MailroomTest
@TestPropertySource(
        properties = {
            "mailroom.outbox.enabled=true",
            "mailroom.outbox.poll-interval=200ms",
            "mailroom.outbox.first-retry=300ms",
            "mailroom.outbox.lease=2s",
            "mailroom.outbox.rate-pause=1s"
        })
class OutboxDeliveryTest {

    static final String USER = "mailer";
    static final String PASSWORD = "mailer-password";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));

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
    MailStatusService status;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    /** A new tenant whose admin saved custom settings for this port (and password), signed in. */
    private User tenantSendingTo(int port, String password) {
        return tenantSendingTo(port, password, dev.mailroom.smtp.SendingRate.NONE);
    }

    private User tenantSendingTo(int port, String password, dev.mailroom.smtp.SendingRate rate) {
        var admin = fixtures.newUser(fixtures.newTenant("Outbox"), "Olga", Role.ADMIN);
        fixtures.signInAs(admin);
        settings.save(SmtpSettingsDraft.builder()
                .host("127.0.0.1")
                .port(port)
                .security(dev.mailroom.mail.ConnectionSecurity.NONE)
                .senderName("Mailroom Test")
                .senderAddress("noreply@mailroom.test")
                .authType(dev.mailroom.smtp.AuthType.BASIC)
                .username(USER)
                .newPassword(password)
                .rate(rate)
                .build());
        return admin;
    }

    private List<String> enqueue(int count) {
        return transaction.execute(tx -> {
            var ids = new ArrayList<String>();
            for (int i = 1; i <= count; i++) {
                ids.add(outbox.enqueue(
                        MailKind.ADMIN_NOTICE, "someone" + i + "@example.com", "Notice " + i, "Body " + i));
            }
            return ids;
        });
    }

    private List<OutboxMessage> mine() {
        return deliveries.recent(100);
    }

    private void awaitStates(DeliveryState... states) {
        await().atMost(Duration.ofSeconds(15))
                .pollInSameThread()
                .until(
                        () -> mine().stream().map(OutboxMessage::state).toList(),
                        // Every state as many times as asked (containsAll would take one SENT for five).
                        actual -> actual.stream()
                                .sorted()
                                .toList()
                                .equals(Arrays.stream(states).sorted().toList()));
    }

    private static List<String> messageIds(MimeMessage[] received) {
        return Arrays.stream(received)
                .map(m -> {
                    try {
                        return m.getMessageID();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    @Test
    void queuedMailIsSentInTheOrderItWasQueuedWithTheMessageIdItGotWhenQueued() {
        tenantSendingTo(greenMail.getSmtp().getPort(), PASSWORD);
        var ids = enqueue(3);
        awaitStates(DeliveryState.SENT, DeliveryState.SENT, DeliveryState.SENT);
        // SENT is recorded at the server's 250; GreenMail files the message a moment later.
        assertThat(greenMail.waitForIncomingEmail(5000, 3)).isTrue();
        assertThat(messageIds(greenMail.getReceivedMessages())).containsExactlyElementsOf(ids);
        assertThat(ids)
                .as("Message-IDs in the sender's domain")
                .allSatisfy(id -> assertThat(id).endsWith("@mailroom.test>"));
        assertThat(mine()).allSatisfy(m -> {
            assertThat(m.attempts()).isEqualTo(1);
            assertThat(m.sentAt()).isNotNull();
        });
    }

    @Test
    void mailOfAChangeThatRollsBackIsNeverQueued() {
        tenantSendingTo(greenMail.getSmtp().getPort(), PASSWORD);
        transaction.executeWithoutResult(tx -> {
            outbox.enqueue(MailKind.INVITATION, "nobody@example.com", "Welcome", "Never sent");
            tx.setRollbackOnly();
        });
        assertThat(mine()).isEmpty();
    }

    @Test
    void aRefusedPortIsRetriedWithBackoffUntilTheServerIsThere() throws Exception {
        int port = Ports.unusedLoopbackPort();
        tenantSendingTo(port, PASSWORD);
        var ids = enqueue(1);
        await().atMost(Duration.ofSeconds(10))
                .pollInSameThread()
                .until(() -> mine().getFirst(), m -> m.state() == DeliveryState.RETRYING && m.attempts() >= 1);
        assertThat(mine().getFirst().lastErrorKey()).isEqualTo("mail.explain.no-connection");

        var late = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        late.withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));
        late.start();
        try {
            awaitStates(DeliveryState.SENT);
            assertThat(late.waitForIncomingEmail(5000, ids.size())).isTrue();
            assertThat(messageIds(late.getReceivedMessages())).containsExactlyElementsOf(ids);
            assertThat(mine().getFirst().attempts()).isGreaterThan(1);
        } finally {
            late.stop();
        }
    }

    @Test
    void a421ReplyPausesTheTenantInsteadOfCountingAgainstEachMessage() {
        try (var server = TestSmtpServer.builder()
                .user(USER, PASSWORD)
                .rejectMessages(1, "421 4.7.0 Try again later, closing connection.")
                .start()) {
            tenantSendingTo(server.port(), PASSWORD);
            double pausesBefore =
                    meters.counter("mailroom.mail.paused", "kind", "rate").count();
            var ids = enqueue(3);
            awaitStates(DeliveryState.SENT, DeliveryState.SENT, DeliveryState.SENT);
            assertThat(meters.counter("mailroom.mail.paused", "kind", "rate").count())
                    .isEqualTo(pausesBefore + 1);
            assertThat(mine())
                    .as("the refused attempt is not counted: the server asked for a pause, not the message")
                    .allSatisfy(m -> assertThat(m.attempts()).isEqualTo(1));
            assertThat(mine().stream().filter(m -> m.messageId().equals(ids.getFirst())))
                    .singleElement()
                    .satisfies(m -> assertThat(m.lastErrorKey()).isEqualTo("mail.explain.paused"));
            assertThat(server.received()).hasSize(3);
            assertThat(server.received().getFirst().data()).contains("Message-ID: " + ids.getFirst());
            assertThat(deliveries.pause())
                    .as("a delivered message ends the pause")
                    .isEmpty();
            assertThat(status.current()).map(MailStatus::level).hasValue(MailHealth.OK);
        }
    }

    /**
     * A 421 after the server took a message: the pause holds though the batch delivered one (it must not lift its
     * own pause), so the rest goes out only once the pause (1 s here) has ended.
     */
    @Test
    void aPauseMetAfterADeliveredMessageStillHoldsTheRest() {
        try (var server = TestSmtpServer.builder()
                .user(USER, PASSWORD)
                .acceptFirst(1)
                .rejectMessages(1, "421 4.7.0 Try again later, closing connection.")
                .start()) {
            tenantSendingTo(server.port(), PASSWORD);
            var ids = enqueue(3);
            awaitStates(DeliveryState.SENT, DeliveryState.SENT, DeliveryState.SENT);
            var sentAt = mine().stream()
                    .collect(java.util.stream.Collectors.toMap(
                            OutboxMessage::messageId, m -> java.util.Objects.requireNonNull(m.sentAt())));
            assertThat(Duration.between(sentAt.get(ids.get(0)), sentAt.get(ids.get(1))))
                    .as("the second message waited for the pause after the 421")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(server.received()).hasSize(3);
        }
    }

    /**
     * A used quota pauses the tenant (for half an hour here): every admin sees why and until when, nothing is
     * retried against the quota meanwhile, and new settings lift the pause.
     */
    @Test
    void aQuotaReplyPausesTheTenantUntilThePauseEndsOrTheSettingsChange() {
        try (var server = TestSmtpServer.builder()
                .user(USER, PASSWORD)
                .rejectMessages(1, "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException")
                .start()) {
            tenantSendingTo(server.port(), PASSWORD);
            enqueue(2);
            await("the tenant's pause")
                    .atMost(Duration.ofSeconds(15))
                    .pollInSameThread()
                    .until(() -> deliveries.pause().isPresent());
            assertThat(deliveries.pause()).hasValueSatisfying(p -> {
                assertThat(p.kind()).isEqualTo(dev.mailroom.mail.ThrottlingReplies.Kind.QUOTA);
                assertThat(p.reply()).contains("SubmissionQuotaExceeded");
                assertThat(p.until()).isAfter(java.time.Instant.now().plus(Duration.ofMinutes(29)));
            });
            assertThat(status.current()).hasValueSatisfying(s -> {
                assertThat(s.level()).isEqualTo(MailHealth.WARNING);
                assertThat(s.reasonKey()).isEqualTo("status.reason.paused");
            });
            assertThat(mine()).allSatisfy(m -> {
                assertThat(m.state()).isIn(DeliveryState.QUEUED, DeliveryState.RETRYING);
                assertThat(m.attempts()).isZero();
            });
            assertThat(server.received()).isEmpty();

            // The admin moves to another mailbox (here: saves again): a new service is not under the old one's pause.
            settings.save(SmtpSettingsDraft.builder()
                    .host("127.0.0.1")
                    .port(server.port())
                    .security(dev.mailroom.mail.ConnectionSecurity.NONE)
                    .senderName("Mailroom Test, new mailbox")
                    .senderAddress("noreply@mailroom.test")
                    .authType(dev.mailroom.smtp.AuthType.BASIC)
                    .username(USER)
                    .newPassword(PASSWORD)
                    .expectedVersion(settings.load().version())
                    .build());
            assertThat(deliveries.pause()).isEmpty();
            awaitStates(DeliveryState.SENT, DeliveryState.SENT);
            assertThat(server.received()).hasSize(2);
        }
    }

    @Test
    void a550ReplyFailsForGoodAfterOneAttempt() {
        try (var server = TestSmtpServer.builder()
                .user(USER, PASSWORD)
                .rejectMessages(Integer.MAX_VALUE, "550 5.7.1 Relaying denied")
                .start()) {
            tenantSendingTo(server.port(), PASSWORD);
            enqueue(1);
            awaitStates(DeliveryState.FAILED);
            var failed = mine().getFirst();
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.lastError()).contains("550 5.7.1 Relaying denied");
            assertThat(status.current()).map(MailStatus::level).hasValue(MailHealth.ERROR);
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void aWrongPasswordFailsForGoodSetsTheStatusAndRetryAfterTheFixSendsAndClearsIt() {
        tenantSendingTo(greenMail.getSmtp().getPort(), "wrong-password-1");
        enqueue(1);
        awaitStates(DeliveryState.FAILED);
        var failed = mine().getFirst();
        assertThat(failed.attempts()).as("535 is not retried").isEqualTo(1);
        assertThat(failed.lastErrorKey()).isEqualTo("mail.explain.bad-credentials");
        assertThat(failed.lastError()).contains("535");
        assertThat(status.current()).hasValueSatisfying(s -> {
            assertThat(s.level()).isEqualTo(MailHealth.ERROR);
            assertThat(s.source()).isEqualTo(dev.mailroom.status.StatusSource.DELIVERY);
        });

        var current = settings.load();
        settings.save(SmtpSettingsDraft.from(current).newPassword(PASSWORD).build());
        assertThat(deliveries.retry(failed.id())).isTrue();
        awaitStates(DeliveryState.SENT);
        assertThat(status.current()).map(MailStatus::level).hasValue(MailHealth.OK);
    }

    /** Everything stored about this tenant's messages, as text (bytea as hex). */
    private String storedRows() {
        List<String> rows = transaction.execute(tx -> jdbc.sql("select m::text from outbox_message m")
                .query(String.class)
                .list());
        return String.join("\n", rows);
    }

    @Test
    void aOneTimeLinkIsSealedAtRestWorksInTheMailAndIsGoneOnceTheServerAcceptedIt() throws Exception {
        tenantSendingTo(greenMail.getSmtp().getPort(), "wrong-password-1");
        String token = java.util.UUID.randomUUID().toString();
        String link = "http://localhost:8080/account/set-password?token=" + token;
        transaction.execute(tx -> outbox.enqueueWithLink(
                MailKind.PASSWORD_RESET, "rita@example.com", "Reset", "Open " + link + " within 30 minutes.", link));
        awaitStates(DeliveryState.FAILED);
        assertThat(storedRows()).as("a database read while the mail waits").doesNotContain(token);
        assertThat(mine().getFirst().link())
                .as("kept sealed, so that Retry still sends a working link")
                .isNotNull();

        settings.save(
                SmtpSettingsDraft.from(settings.load()).newPassword(PASSWORD).build());
        assertThat(deliveries.retry(mine().getFirst().id())).isTrue();
        awaitStates(DeliveryState.SENT);
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(greenMail.getReceivedMessages()[0]))
                .contains("Open " + link + " within 30 minutes.");
        assertThat(mine().getFirst().link())
                .as("dropped once the server accepted it")
                .isNull();
        assertThat(storedRows()).doesNotContain(token).contains("Open [one-time link, sealed until sent] within");
    }

    @Test
    void sentAndFailedMessagesOlderThanTheRetentionAreDeletedAndNothingElse() {
        tenantSendingTo(greenMail.getSmtp().getPort(), PASSWORD);
        enqueue(3);
        awaitStates(DeliveryState.SENT, DeliveryState.SENT, DeliveryState.SENT);
        var byAge = mine();
        var old = byAge.get(2);
        var recent = byAge.get(1);
        var oldButWaiting = byAge.get(0);
        transaction.execute(tx -> jdbc.sql(
                        "update outbox_message set created_at = clock_timestamp() - interval '91 days' where id in (:ids)")
                .param("ids", List.of(old.id(), oldButWaiting.id()))
                .update());
        transaction.execute(tx -> jdbc.sql(
                        "update outbox_message set state = 'RETRYING', next_attempt_at = clock_timestamp() + interval '1 day' where id = :id")
                .param("id", oldButWaiting.id())
                .update());

        assertThat(dispatcher.purgeExpired()).isPositive();
        assertThat(mine()).extracting(OutboxMessage::id).containsExactlyInAnyOrder(recent.id(), oldButWaiting.id());
    }

    @Autowired
    ProductMessages productMessages;

    /** A send API request (and the Idempotency-Key it answers) goes with its deliveries, not for ever. */
    @Test
    void aSendApiRequestIsDeletedWithItsDeliveries() {
        fixtures.signInAs(tenantSendingTo(greenMail.getSmtp().getPort(), PASSWORD));
        var kept = productMessages.send(List.of("kept@outbox.example"), "Kept", "x", null, null, "kept");
        var old = productMessages.send(List.of("old@outbox.example"), "Old", "x", null, null, "old");
        await().atMost(Duration.ofSeconds(15))
                .alias("both sent by this context's dispatcher")
                .pollInSameThread()
                .until(() -> mine().stream().allMatch(m -> m.state() == DeliveryState.SENT));
        transaction.execute(tx -> {
            jdbc.sql("update outbox_message set created_at = clock_timestamp() - interval '91 days'"
                            + " where request_id = :id")
                    .param("id", old.id())
                    .update();
            return jdbc.sql("update message_request set created_at = clock_timestamp() - interval '91 days'"
                            + " where id = :id")
                    .param("id", old.id())
                    .update();
        });

        dispatcher.purgeExpired();
        assertThat(productMessages.find(old.id())).as("past the retention").isEmpty();
        assertThat(productMessages.find(kept.id())).as("recent").isPresent();
        assertThat(productMessages
                        .send(List.of("old@outbox.example"), "Old, again", "y", null, null, "old")
                        .repeated())
                .as("its key answers no more")
                .isFalse();
        // Sent before the next test, whose dispatcher must find only its own mail due.
        await().atMost(Duration.ofSeconds(15))
                .alias("the new request sent too")
                .pollInSameThread()
                .until(() -> mine().stream().allMatch(m -> m.state() == DeliveryState.SENT));
    }

    @Test
    void messagesClaimedByANodeThatDiedAreSentOnceItsLeaseRunsOut() {
        tenantSendingTo(greenMail.getSmtp().getPort(), PASSWORD);
        // A node claims the batch and dies before sending (all that survives a kill -9 is the database).
        dispatcher.stop();
        try {
            var ids = enqueue(2);
            var claimed = dispatcher.claim();
            assertThat(claimed).extracting(OutboxMessage::messageId).containsExactlyElementsOf(ids);
            assertThat(mine()).allSatisfy(m -> assertThat(m.state()).isEqualTo(DeliveryState.SENDING));
        } finally {
            dispatcher.start();
        }
        awaitStates(DeliveryState.SENT, DeliveryState.SENT);
        assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
    }

    @Test
    void twoNodesNeverSendOneMessageTwice() {
        var admins = new ArrayList<User>();
        for (int i = 0; i < 4; i++) {
            admins.add(tenantSendingTo(greenMail.getSmtp().getPort(), PASSWORD));
        }
        try (var otherNode = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.SERVLET)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--mailroom.demo.enabled=false",
                        "--vaadin.launch-browser=false",
                        "--mailroom.outbox.enabled=true",
                        "--mailroom.outbox.poll-interval=50ms",
                        "--mailroom.outbox.batch-size=3",
                        "--mailroom.egress.allow-loopback=true",
                        "--mailroom.egress.plaintext-auth-networks=127.0.0.0/8")) {
            var queued = new ArrayList<String>();
            for (var admin : admins) {
                fixtures.signInAs(admin);
                queued.addAll(enqueue(10));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> greenMail.getReceivedMessages().length >= queued.size());
            // Both nodes kept polling meanwhile; nothing more may arrive.
            assertThat(messageIds(greenMail.getReceivedMessages()))
                    .hasSize(queued.size())
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(queued);
        }
    }

    /** A tenant sending at its provider's rate: 120 a minute is one every half second, whatever is queued. */
    @Test
    void mailAboveTheTenantsRatePerMinuteWaitsAndGoesOutInOrderAtThatPace() {
        tenantSendingTo(greenMail.getSmtp().getPort(), PASSWORD, new dev.mailroom.smtp.SendingRate(120, null));
        var ids = enqueue(5);
        awaitStates(DeliveryState.SENT, DeliveryState.SENT, DeliveryState.SENT, DeliveryState.SENT, DeliveryState.SENT);
        var sent = mine().stream()
                .sorted(java.util.Comparator.comparing(OutboxMessage::createdAt))
                .toList();
        assertThat(sent).extracting(OutboxMessage::messageId).containsExactlyElementsOf(ids);
        var first = java.util.Objects.requireNonNull(sent.getFirst().sentAt());
        var last = java.util.Objects.requireNonNull(sent.getLast().sentAt());
        assertThat(Duration.between(first, last))
                .as("five messages at one every 500 ms span at least four spacings")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1800));
        assertThat(sent).allSatisfy(m -> assertThat(m.attempts()).isEqualTo(1));
    }

    /** A daily quota used up: the rest waits in the queue (not refused, not retried) until the day allows more. */
    @Test
    void mailAboveTheTenantsRatePerDayWaitsInTheQueue() {
        tenantSendingTo(greenMail.getSmtp().getPort(), PASSWORD, new dev.mailroom.smtp.SendingRate(null, 2));
        enqueue(3);
        await().atMost(Duration.ofSeconds(15))
                .pollInSameThread()
                .until(() -> mine().stream()
                                .filter(m -> m.state() == DeliveryState.SENT)
                                .count()
                        == 2);
        var waiting =
                mine().stream().filter(m -> m.state() != DeliveryState.SENT).toList();
        assertThat(waiting).singleElement().satisfies(m -> {
            assertThat(m.state()).isEqualTo(DeliveryState.QUEUED);
            assertThat(m.attempts()).isZero();
            assertThat(m.nextAttemptAt())
                    .as("due when the day's bucket has room again (2 a day: one every 12 hours)")
                    .isAfter(java.time.Instant.now().plus(Duration.ofHours(11)));
        });
        assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
    }
}
