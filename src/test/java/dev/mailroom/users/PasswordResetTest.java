package dev.mailroom.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.mailroom.i18n.TranslationProvider;
import dev.mailroom.outbox.Deliveries;
import dev.mailroom.outbox.MailKind;
import dev.mailroom.outbox.Outbox;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.support.LoopbackSmtp;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.throttle.AttemptThrottle;
import dev.mailroom.throttle.ThrottleScope;
import dev.mailroom.throttle.TooManyAttemptsException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** "Forgot password?" end to end through the outbox to a real SMTP server, and what it must not reveal. */
@MailroomTest
@TestPropertySource(
        properties = {
            "mailroom.outbox.enabled=true",
            "mailroom.outbox.poll-interval=200ms",
            "mailroom.outbox.first-retry=300ms",
            "mailroom.outbox.lease=2s"
        })
class PasswordResetTest {

    static final Pattern TOKEN = Pattern.compile("/account/password\\?token=([A-Za-z0-9_-]{43})");

    @RegisterExtension
    static GreenMailExtension greenMail = LoopbackSmtp.greenMail();

    @Autowired
    TestTenants fixtures;

    @Autowired
    SmtpSettingsService settings;

    @Autowired
    PasswordResets resets;

    @Autowired
    AccountSetup setup;

    @Autowired
    UserDetailsService accounts;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Deliveries deliveries;

    @Autowired
    SessionValidity validity;
    // For a PasswordResets whose background work the test runs itself:
    @Autowired
    AttemptThrottle throttle;

    @Autowired
    LoginAccounts loginAccounts;

    @Autowired
    OperatorResetMail operatorMail;

    @Autowired
    UserRepository users;

    @Autowired
    AccountLinks links;

    @Autowired
    Outbox outbox;

    @Autowired
    TranslationProvider translations;

    @Autowired
    TransactionTemplate transaction;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private User admin;

    /** A user of a tenant whose mail goes to GreenMail; nobody signed in afterwards. */
    private User userOfATenantSendingToGreenMail() {
        var tenant = fixtures.newTenant("Resetting");
        admin = fixtures.newUser(tenant, "Rita", Role.ADMIN);
        fixtures.signInAs(admin);
        settings.save(LoopbackSmtp.basic(greenMail));
        var user = fixtures.newUser(tenant, "Ruben", Role.USER);
        fixtures.signOut();
        return user;
    }

    private static String client() {
        return "198.51.100." + (int) (System.nanoTime() % 250 + 1) + "-" + System.nanoTime();
    }

    @Test
    void theMailedLinkSetsANewPasswordOnceAndEndsTheUsersEarlierSessions() throws Exception {
        var user = userOfATenantSendingToGreenMail();
        var signedInBefore = java.time.Instant.now();
        resets.request(user.email(), client(), Locale.ENGLISH);

        await().atMost(Duration.ofSeconds(15)).until(() -> greenMail.getReceivedMessages().length == 1);
        var mail = greenMail.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Reset your Mailroom password");
        var matcher = TOKEN.matcher(GreenMailUtil.getBody(mail).replace("=\r\n", ""));
        assertThat(matcher.find()).isTrue();
        String token = matcher.group(1);
        assertThat(setup.check(token)).map(PendingLink::purpose).hasValue(LinkPurpose.PASSWORD_RESET);

        setup.setPassword(token, "a brand new passphrase", "a brand new passphrase");
        String hash = accounts.loadUserByUsername(user.email()).getPassword();
        assertThat(encoder.matches("a brand new passphrase", hash)).isTrue();
        assertThat(encoder.matches(TestTenants.PASSWORD, hash))
                .as("the old password is gone")
                .isFalse();
        assertThatThrownBy(() -> setup.setPassword(token, "yet another passphrase", "yet another passphrase"))
                .isInstanceOf(LinkNotUsableException.class);

        fixtures.signInAs(user);
        assertThat(validity.stillValid(user.id(), signedInBefore))
                .as("a session from before the reset")
                .isFalse();
        assertThat(validity.stillValid(user.id(), java.time.Instant.now()))
                .as("signed in afterwards")
                .isTrue();
    }

    /**
     * The caller's side is the same for every address: the limits, then a task handed to another thread.
     * Whether an account exists is only looked up in that task, after the answer has been given.
     */
    @Test
    void theAnswerIsGivenBeforeAnyoneLooksForTheAccount() {
        var user = userOfATenantSendingToGreenMail();
        List<Runnable> later = new ArrayList<>();
        var deferred = new PasswordResets(
                throttle, loginAccounts, operatorMail, users, links, outbox, translations, transaction, later::add);

        deferred.request(user.email(), client(), Locale.ENGLISH);
        deferred.request("nobody." + System.nanoTime() + "@nowhere.example", client(), Locale.ENGLISH);

        assertThat(later).hasSize(2);
        fixtures.signInAs(admin);
        assertThat(deliveries.recent(10)).noneMatch(m -> m.kind() == MailKind.PASSWORD_RESET);
        later.forEach(Runnable::run);
        assertThat(deliveries.recent(10))
                .filteredOn(m -> m.kind() == MailKind.PASSWORD_RESET)
                .singleElement()
                .satisfies(m -> assertThat(m.recipient()).isEqualTo(user.email()));
    }

    @Test
    void requestsAreLimitedPerAddressAndPerClientWhetherOrNotTheAccountExists() {
        String unknown = "ghost." + System.nanoTime() + "@nowhere.example";
        for (int i = 0; i < 3; i++) {
            resets.request(unknown, client(), Locale.ENGLISH);
        }
        assertThatThrownBy(() -> resets.request(unknown.toUpperCase(Locale.ROOT), client(), Locale.ENGLISH))
                .isInstanceOfSatisfying(TooManyAttemptsException.class, e -> {
                    assertThat(e.scope()).isEqualTo(ThrottleScope.ADDRESS);
                    assertThat(e.retryAfterSeconds()).isPositive();
                });

        String oneClient = client();
        for (int i = 0; i < 10; i++) {
            resets.request("probe" + i + "." + System.nanoTime() + "@nowhere.example", oneClient, Locale.ENGLISH);
        }
        assertThatThrownBy(() -> resets.request("probe.last@nowhere.example", oneClient, Locale.ENGLISH))
                .isInstanceOfSatisfying(
                        TooManyAttemptsException.class,
                        e -> assertThat(e.scope()).isEqualTo(ThrottleScope.CLIENT));
    }
}
