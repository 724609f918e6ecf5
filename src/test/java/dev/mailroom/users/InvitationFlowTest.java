package dev.mailroom.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.support.DatabaseOwner;
import dev.mailroom.support.LoopbackSmtp;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * An admin invites someone; the invitation goes through the outbox and the tenant's SMTP settings to a real
 * server; the link in the received mail sets a password once, and then the person can sign in.
 */
@MailroomTest
@TestPropertySource(
        properties = {
            "mailroom.outbox.enabled=true",
            "mailroom.outbox.poll-interval=200ms",
            "mailroom.outbox.first-retry=300ms",
            "mailroom.outbox.lease=2s",
            "mailroom.throttle.invitation.admin.capacity=4"
        })
class InvitationFlowTest {

    static final String GOOD_PASSWORD = "violet tractor moonlight";
    static final Pattern LINK = Pattern.compile("http://localhost:\\d+/account/password\\?token=([A-Za-z0-9_-]{43})");

    @RegisterExtension
    static GreenMailExtension greenMail = LoopbackSmtp.greenMail();

    @Autowired
    TestTenants fixtures;

    @Autowired
    SmtpSettingsService settings;

    @Autowired
    Invitations invitations;

    @Autowired
    UserService users;

    @Autowired
    AccountSetup setup;

    @Autowired
    UserDetailsService accounts;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    DatabaseOwner owner;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private User adminSendingToGreenMail(String tenant) {
        var admin = fixtures.newUser(fixtures.newTenant(tenant), "Ines", Role.ADMIN);
        fixtures.signInAs(admin);
        settings.save(LoopbackSmtp.basic(greenMail));
        return admin;
    }

    /** Waits for the n-th received message and returns the token in its link. */
    private String tokenInMail(int n, String to) {
        await().atMost(Duration.ofSeconds(15)).until(() -> greenMail.getReceivedMessages().length >= n);
        MimeMessage mail = greenMail.getReceivedMessages()[n - 1];
        try {
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(to);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        var matcher = LINK.matcher(GreenMailUtil.getBody(mail).replace("=\r\n", ""));
        assertThat(matcher.find()).as("a link in the mail").isTrue();
        return matcher.group(1);
    }

    private String email(String local) {
        return local + "." + System.nanoTime() + "@invite.example";
    }

    @Test
    void theMailedLinkSetsAPasswordOnceAndThenThePersonCanSignIn() throws Exception {
        adminSendingToGreenMail("Inviting");
        String address = email("new.person");
        var invited = invitations.invite(address, "New Person", Role.USER, Locale.ENGLISH);
        assertThat(invited.invited()).isTrue();
        assertThat(accounts.loadUserByUsername(address).isEnabled())
                .as("no password yet, no sign-in")
                .isFalse();

        String token = tokenInMail(1, address);
        assertThat(greenMail.getReceivedMessages()[0].getSubject())
                .isEqualTo("You are invited to Inviting on Mailroom");
        assertThat(GreenMailUtil.getBody(greenMail.getReceivedMessages()[0])).contains("Ines invited you to Inviting");
        fixtures.signOut();

        assertThat(setup.check(token)).hasValueSatisfying(p -> {
            assertThat(p.purpose()).isEqualTo(LinkPurpose.INVITATION);
            assertThat(p.email()).isEqualTo(address);
        });
        assertThatThrownBy(() -> setup.setPassword(token, "too short", "too short"))
                .isInstanceOf(InvalidPasswordException.class)
                .hasMessage("password.too-short");
        assertThatThrownBy(() -> setup.setPassword(token, GOOD_PASSWORD, GOOD_PASSWORD + "!"))
                .isInstanceOf(InvalidPasswordException.class)
                .hasMessage("password.mismatch");
        assertThat(setup.check(token))
                .as("a refused password does not use the link up")
                .isPresent();

        setup.setPassword(token, GOOD_PASSWORD, GOOD_PASSWORD);

        var account = accounts.loadUserByUsername(address);
        assertThat(account.isEnabled()).isTrue();
        assertThat(encoder.matches(GOOD_PASSWORD, account.getPassword())).isTrue();
        assertThat(setup.check(token)).as("used").isEmpty();
        assertThatThrownBy(() -> setup.setPassword(token, "another long password", "another long password"))
                .isInstanceOf(LinkNotUsableException.class);
        assertThat(encoder.matches(
                        GOOD_PASSWORD, accounts.loadUserByUsername(address).getPassword()))
                .isTrue();
    }

    @Test
    void aResentInvitationReplacesTheEarlierLinkAndLinksExpire() throws Exception {
        adminSendingToGreenMail("Resending");
        String address = email("late.joiner");
        var invited = invitations.invite(address, "Late Joiner", Role.ADMIN, Locale.ENGLISH);
        String first = tokenInMail(1, address);
        invitations.resend(invited.id(), Locale.ENGLISH);
        String second = tokenInMail(2, address);

        assertThat(setup.check(first)).as("replaced").isEmpty();
        assertThat(setup.check(second)).isPresent();
        try (var db = owner.connect();
                var st = db.prepareStatement(
                        "update account_link set expires_at = clock_timestamp() - interval '1 second' where user_id = ?")) {
            st.setObject(1, invited.id());
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        assertThat(setup.check(second)).as("expired").isEmpty();
        assertThatThrownBy(() -> setup.setPassword(second, GOOD_PASSWORD, GOOD_PASSWORD))
                .isInstanceOf(LinkNotUsableException.class);
        assertThat(setup.check("not-a-token")).isEmpty();
    }

    @Test
    void addressesAreCheckedAndInviteesStayInTheirTenant() {
        adminSendingToGreenMail("Checking");
        assertThatThrownBy(() -> invitations.invite("not an address", "X", Role.USER, Locale.ENGLISH))
                .isInstanceOfSatisfying(
                        InvalidInvitationException.class,
                        e -> assertThat(e.field()).isEqualTo("email"));
        assertThatThrownBy(() -> invitations.invite("Someone <a@b.example>", "X", Role.USER, Locale.ENGLISH))
                .isInstanceOf(InvalidInvitationException.class);
        assertThatThrownBy(() -> invitations.invite(email("nameless"), "  ", Role.USER, Locale.ENGLISH))
                .isInstanceOfSatisfying(
                        InvalidInvitationException.class,
                        e -> assertThat(e.field()).isEqualTo("name"));
        String kept = email("kept");
        var invited = invitations.invite(kept, "Kept Here", Role.USER, Locale.ENGLISH);
        assertThatThrownBy(() -> invitations.invite(kept.toUpperCase(Locale.ROOT), "Again", Role.USER, Locale.ENGLISH))
                .as("already invited into this tenant")
                .isInstanceOf(EmailTakenException.class);

        fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Elsewhere"), "Olaf", Role.ADMIN));
        assertThat(users.listUsers()).extracting(User::id).doesNotContain(invited.id());
        assertThatThrownBy(() -> invitations.resend(invited.id(), Locale.ENGLISH))
                .isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> users.deactivate(invited.id())).isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void anInvitedAdminDoesNotCountAsTheAdminATenantKeepsUntilTheyJoin() throws Exception {
        var me = adminSendingToGreenMail("LastAdmin");
        String address = email("second.admin");
        invitations.invite(address, "Second Admin", Role.ADMIN, Locale.ENGLISH);
        assertThatThrownBy(() -> users.deactivate(me.id())).isInstanceOf(LastAdminException.class);
        assertThatThrownBy(() -> users.changeRole(me.id(), Role.USER)).isInstanceOf(LastAdminException.class);

        String token = tokenInMail(1, address);
        setup.setPassword(token, GOOD_PASSWORD, GOOD_PASSWORD);
        assertThat(users.deactivate(me.id()).enabled()).isFalse();
        assertThat(accounts.loadUserByUsername(me.email()).isEnabled()).isFalse();
    }

    @Test
    void anInviteesNameHoldsNoLineBreakControlCharacterOrWebAddress() {
        adminSendingToGreenMail("Names");
        for (String name : new String[] {
            "Eve\r\nBcc: everyone@example.com",
            "Eve\u0007",
            "Eve\u2028Smith",
            "Claim your prize at https://x.test",
            "Eve from prizes.example",
            "www.prizes.test"
        }) {
            assertThatThrownBy(() -> invitations.invite(email("eve"), name, Role.USER, Locale.ENGLISH))
                    .as(name)
                    .isInstanceOfSatisfying(InvalidInvitationException.class, e -> {
                        assertThat(e.field()).isEqualTo("name");
                        assertThat(e.messageKey())
                                .isIn("users.invite.error.name-characters", "users.invite.error.name-link");
                    });
        }
        assertThat(users.listUsers()).extracting(User::displayName).noneMatch(n -> n.startsWith("Eve"));
        // Names people have: initials and titles with their space, apostrophes, hyphens, scripts other than Latin.
        for (String name :
                new String[] {"J. R. R. Tolkien", "Dr. Ana O'Neil-Łęcka", "Siti Nurhaliza binti Tarudin", "Đặng Thị Mỹ"
                }) {
            assertThat(invitations
                            .invite(email("fine"), name, Role.USER, Locale.ENGLISH)
                            .displayName())
                    .isEqualTo(name);
        }
    }

    /** Invitations mail strangers: an admin's are counted (resends too), and a refused one sends and keeps nothing. */
    @Test
    void invitationsAndResendsAreLimitedPerAdmin() {
        adminSendingToGreenMail("Limited");
        var first = invitations.invite(email("one"), "One", Role.USER, Locale.ENGLISH);
        invitations.invite(email("two"), "Two", Role.USER, Locale.ENGLISH);
        invitations.resend(first.id(), Locale.ENGLISH);
        invitations.invite(email("three"), "Three", Role.USER, Locale.ENGLISH);
        String refused = email("four");
        assertThatThrownBy(() -> invitations.invite(refused, "Four", Role.USER, Locale.ENGLISH))
                .isInstanceOfSatisfying(dev.mailroom.throttle.TooManyAttemptsException.class, e -> {
                    assertThat(e.scope()).isEqualTo(dev.mailroom.throttle.ThrottleScope.ADMIN);
                    assertThat(e.retryAfter()).isPositive();
                });
        assertThatThrownBy(() -> invitations.resend(first.id(), Locale.ENGLISH))
                .isInstanceOf(dev.mailroom.throttle.TooManyAttemptsException.class);
        assertThat(users.listUsers()).extracting(User::email).doesNotContain(refused);

        // Another admin of another tenant has attempts of their own, and an address refused as already this tenant's
        // uses one up too.
        adminSendingToGreenMail("Probing");
        String twice = email("twice");
        invitations.invite(twice, "Twice", Role.USER, Locale.ENGLISH);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> invitations.invite(twice, "Twice", Role.USER, Locale.ENGLISH))
                    .isInstanceOf(EmailTakenException.class);
        }
        assertThatThrownBy(() -> invitations.invite(twice, "Twice", Role.USER, Locale.ENGLISH))
                .isInstanceOf(dev.mailroom.throttle.TooManyAttemptsException.class);
        adminSendingToGreenMail("Unaffected");
        assertThat(invitations
                        .invite(email("five"), "Five", Role.USER, Locale.ENGLISH)
                        .invited())
                .isTrue();
    }
}
