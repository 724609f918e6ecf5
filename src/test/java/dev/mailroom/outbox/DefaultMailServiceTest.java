package dev.mailroom.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.Ports;
import dev.mailroom.support.TestTenants;
import dev.mailroom.users.Role;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** A tenant without custom settings sends through the operator's default mail service. */
@MailroomTest
@TestPropertySource(properties = {"mailroom.outbox.enabled=true", "mailroom.outbox.poll-interval=200ms"})
class DefaultMailServiceTest {

    static final int PORT = Ports.unusedLoopbackPort();
    static GreenMail relay;

    @DynamicPropertySource
    static void defaultService(DynamicPropertyRegistry registry) {
        registry.add("mailroom.default-mail.host", () -> "127.0.0.1");
        registry.add("mailroom.default-mail.port", () -> PORT);
        registry.add("mailroom.default-mail.security", () -> "NONE");
        registry.add("mailroom.default-mail.sender-name", () -> "Mailroom Cloud");
        registry.add("mailroom.default-mail.sender-address", () -> "noreply@mailroom.test");
    }

    @BeforeAll
    static void startRelay() {
        relay = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
    }

    @AfterAll
    static void stopRelay() {
        relay.stop();
    }

    @Autowired
    TestTenants fixtures;

    @Autowired
    Outbox outbox;

    @Autowired
    Deliveries deliveries;

    @Autowired
    TransactionTemplate transaction;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    @Test
    void aTenantWithoutCustomSettingsSendsThroughTheDefaultService() throws Exception {
        fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Plain"), "Paul", Role.ADMIN));
        String id =
                transaction.execute(tx -> outbox.enqueue(MailKind.ADMIN_NOTICE, "paul@example.com", "Hello", "Body"));
        await().atMost(Duration.ofSeconds(10))
                .pollInSameThread()
                .until(() -> deliveries.recent(5).getFirst().state() == DeliveryState.SENT);
        // SENT is recorded at the server's 250; GreenMail files the message a moment later.
        assertThat(relay.waitForIncomingEmail(5000, 1)).isTrue();
        var received = relay.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getMessageID()).isEqualTo(id);
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("Mailroom Cloud <noreply@mailroom.test>");
    }
}
