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

    @Autowired
    dev.mailroom.operator.OperatorAccounts operators;

    @Autowired
    dev.mailroom.users.PasswordResets resets;

    @Autowired
    dev.mailroom.users.AccountSetup setup;

    @Autowired
    org.springframework.security.core.userdetails.UserDetailsService accounts;

    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder encoder;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** Issue 31: "Forgot password?" works for an operator, who has no tenant's outbox: through the default service. */
    @Test
    void anOperatorWhoForgotTheirPasswordGetsALinkThroughTheDefaultService() throws Exception {
        String email = "olga." + System.nanoTime() + "@platform.test";
        var operator = operators.addOperator(email, "Olga Operator", "forgotten passphrase 1");
        resets.request(email, "192.0.2.71", java.util.Locale.ENGLISH);
        var mail = await().atMost(Duration.ofSeconds(15))
                .alias("the reset mail at the default service (GreenMail)")
                .until(
                        () -> java.util.Arrays.stream(relay.getReceivedMessages())
                                .filter(m -> {
                                    try {
                                        return m.getAllRecipients()[0]
                                                .toString()
                                                .equals(email);
                                    } catch (jakarta.mail.MessagingException e) {
                                        return false;
                                    }
                                })
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        var link = java.util.regex.Pattern.compile("/account/password\\?token=([A-Za-z0-9_-]{43})")
                .matcher(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail).replace("=\r\n", ""));
        assertThat(link.find()).as("a link in the mail").isTrue();
        String token = link.group(1);
        assertThat(setup.check(token))
                .hasValueSatisfying(p -> assertThat(p.email()).isEqualTo(email));

        // A session signed in now, by the database's clock (as a sign-in's time is), before the new password.
        var signedInBefore = java.util.Objects.requireNonNull(
                        transaction.execute(tx -> jdbc.sql("select clock_timestamp()")
                                .query(java.sql.Timestamp.class)
                                .single()))
                .toInstant();
        assertThat(operators.sessionStands(operator.id(), signedInBefore)).isTrue();
        setup.setPassword(token, "new operator passphrase", "new operator passphrase");
        assertThat(operators.sessionStands(operator.id(), signedInBefore))
                .as("an operator's session from before the new password ends")
                .isFalse();
        assertThat(encoder.matches(
                        "new operator passphrase",
                        accounts.loadUserByUsername(email).getPassword()))
                .isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> setup.setPassword(token, "third passphrase here", "third passphrase here"))
                .isInstanceOf(dev.mailroom.users.LinkNotUsableException.class);
        var audited = dev.mailroom.tenant.TenantContext.callAsOperator(() ->
                transaction.execute(tx -> jdbc.sql("select action from platform_audit_event where subject_id = :id")
                        .param("id", operator.id())
                        .query(String.class)
                        .list()));
        assertThat(audited).containsExactly("OPERATOR_PASSWORD_RESET");
    }
}
