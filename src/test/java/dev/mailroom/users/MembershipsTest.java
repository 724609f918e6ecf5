package dev.mailroom.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.mailroom.operator.OperatorAccounts;
import dev.mailroom.security.MailroomUser;
import dev.mailroom.security.SeatChoice;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.support.LoopbackSmtp;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.tenant.Tenant;
import dev.mailroom.tenant.TenantContext;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * One person, many tenants (issue 31): a person is one address and one password; each tenant holds a membership
 * of theirs. Invitations reserve and reveal nothing, an existing person accepts with their own password, a person
 * in several tenants acts in one at a time, and a new password uses up the links that could set another.
 */
@MailroomTest
@TestPropertySource(
        properties = {
            "mailroom.outbox.enabled=true",
            "mailroom.outbox.poll-interval=200ms",
            "mailroom.outbox.first-retry=300ms",
            "mailroom.outbox.lease=2s"
        })
class MembershipsTest {

    static final String GOOD_PASSWORD = "violet tractor moonlight";
    static final Pattern LINK = Pattern.compile("/account/password\\?token=([A-Za-z0-9_-]{43})");

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
    UserProvisioning provisioning;

    @Autowired
    AccountSetup setup;

    @Autowired
    SeatChoice seats;

    @Autowired
    UserDetailsService accounts;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    PasswordResets resets;

    @Autowired
    OperatorAccounts operators;

    @Autowired
    LoginAccounts loginAccounts;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private User adminSendingToGreenMail(Tenant tenant) {
        var admin = fixtures.newUser(tenant, "Ines", Role.ADMIN);
        fixtures.signInAs(admin);
        settings.save(LoopbackSmtp.basic(greenMail));
        return admin;
    }

    private static String address(String local) {
        return local + "." + System.nanoTime() + "@people.example";
    }

    private User member(Tenant tenant, String email, String name, Role role) {
        return TenantContext.callAsTenant(
                tenant.id(), () -> provisioning.addUser(email, name, TestTenants.PASSWORD, role));
    }

    /** The mail to this address that arrived after the first {@code before} messages, once it is there. */
    private MimeMessage mailTo(String to, int before) {
        return await().atMost(Duration.ofSeconds(15))
                .alias("a mail to " + to + " from the outbox (the tenant's server is GreenMail)")
                .until(
                        () -> java.util.Arrays.stream(greenMail.getReceivedMessages())
                                .skip(before)
                                .filter(m -> recipient(m).equals(to))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(MimeMessage mail) {
        var matcher = LINK.matcher(GreenMailUtil.getBody(mail).replace("=\r\n", ""));
        assertThat(matcher.find()).as("a link in the mail").isTrue();
        return matcher.group(1);
    }

    private MailroomUser signIn(String email) {
        fixtures.signInAs(email);
        return (MailroomUser)
                SecurityContextHolder.getContext().getAuthentication().getPrincipal();
    }

    private boolean passwordIs(String email, String password) {
        return encoder.matches(password, accounts.loadUserByUsername(email).getPassword());
    }

    @Test
    void anyTenantMayInviteAnyAddressAndLearnsNothingOfAnotherTenantsPeople() {
        var globex = fixtures.newTenant("Globex");
        String maria = address("maria");
        member(globex, maria, "Maria", Role.ADMIN);
        String newHire = address("newhire");

        adminSendingToGreenMail(fixtures.newTenant("Acme"));
        var ofAnother = invitations.invite(maria.toUpperCase(Locale.ROOT), "Maria at Acme", Role.USER, Locale.ENGLISH);
        var unknown = invitations.invite(address("nobody"), "Nobody Yet", Role.USER, Locale.ENGLISH);
        assertThat(ofAnother.invited()).isEqualTo(unknown.invited()).isTrue();
        assertThat(ofAnother.displayName()).as("the name Acme gave").isEqualTo("Maria at Acme");
        invitations.invite(newHire, "Reserved?", Role.USER, Locale.ENGLISH);

        adminSendingToGreenMail(globex);
        assertThat(invitations
                        .invite(newHire, "New Hire", Role.ADMIN, Locale.ENGLISH)
                        .invited())
                .as("Globex's own invitation of an address Acme invited first")
                .isTrue();
        assertThat(users.listUsers())
                .filteredOn(u -> u.email().equalsIgnoreCase(maria))
                .singleElement()
                .satisfies(u -> assertThat(u.displayName()).isEqualTo("Maria"));
        assertThat(passwordIs(maria, TestTenants.PASSWORD))
                .as("Acme's invitation changed nothing of hers")
                .isTrue();
    }

    @Test
    void anExistingPersonAcceptsByTheirOwnPasswordAndTheInvitationSetsNone() {
        var globex = fixtures.newTenant("Globex");
        String maria = address("maria");
        var atGlobex = member(globex, maria, "Maria", Role.ADMIN);
        var acme = fixtures.newTenant("Acme");
        adminSendingToGreenMail(acme);
        int before = greenMail.getReceivedMessages().length;
        var invited = invitations.invite(maria, "Maria", Role.ADMIN, Locale.ENGLISH);

        var mail = mailTo(maria, before);
        assertThat(GreenMailUtil.getBody(mail).replace("=\r\n", ""))
                .contains("You already have a Mailroom account")
                .doesNotContain("Choose your password");
        String token = token(mail);
        fixtures.signOut();
        assertThat(setup.check(token))
                .hasValueSatisfying(link -> assertThat(link.signIn()).isTrue());
        assertThatThrownBy(() -> setup.setPassword(token, GOOD_PASSWORD, GOOD_PASSWORD))
                .as("a tenant's invitation never sets the password of someone who has one")
                .isInstanceOf(LinkNotUsableException.class);
        assertThat(passwordIs(maria, TestTenants.PASSWORD)).isTrue();

        var me = signIn(maria);
        assertThat(me.tenantId())
                .as("an invitation stands in nobody's way: straight into Globex")
                .isEqualTo(globex.id());
        assertThat(me.invitationCount()).isOne();
        assertThat(me.hasChoice()).isTrue();
        var choices = seats.choices();
        assertThat(choices.seats()).extracting(Seat::accountId).containsExactly(atGlobex.id());
        assertThat(choices.invitations()).extracting(Seat::accountId).containsExactly(invited.id());

        var seated = seats.accept(invited.id());
        SecurityContextHolder.getContext().setAuthentication(seated);
        var inAcme = (MailroomUser) seated.getPrincipal();
        assertThat(inAcme.tenantId()).isEqualTo(acme.id());
        assertThat(users.listUsers())
                .filteredOn(u -> u.id().equals(invited.id()))
                .singleElement()
                .satisfies(u -> assertThat(u.invited()).as("joined").isFalse());
        assertThatThrownBy(() -> seats.accept(invited.id()))
                .as("accepted once")
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aPersonInSeveralTenantsActsInOneAtATimeAndOnlyInTheirOwn() {
        var north = fixtures.newTenant("North");
        var south = fixtures.newTenant("South");
        String kim = address("kim");
        var asAdmin = member(north, kim, "Kim", Role.ADMIN);
        var asUser = member(south, kim, "Kim", Role.USER);
        var stranger = fixtures.newUser(south, "Stranger", Role.ADMIN);

        var me = signIn(kim);
        assertThat(me.choosing()).isTrue();
        assertThat(me.hasChoice()).isTrue();
        assertThat(me.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_PERSON");
        assertThatThrownBy(() -> users.listUsers()).isInstanceOf(AccessDeniedException.class);
        assertThat(TenantContext.currentTenantId())
                .as("no tenant before choosing")
                .isEmpty();

        SecurityContextHolder.getContext().setAuthentication(seats.choose(asAdmin.id()));
        assertThat(users.listUsers()).extracting(User::tenantId).containsOnly(north.id());
        assertThatThrownBy(() -> users.findUser(asUser.id()).orElseThrow())
                .as("the same person's other membership is another tenant's row")
                .isInstanceOf(java.util.NoSuchElementException.class);

        SecurityContextHolder.getContext().setAuthentication(seats.choose(asUser.id()));
        assertThat(TenantContext.currentTenantId()).contains(south.id());
        assertThatThrownBy(() -> users.listUsers())
                .as("a user in South, whatever they are in North")
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> seats.choose(stranger.id()))
                .as("someone else's membership")
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> seats.choose(UUID.randomUUID())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void deactivatingEndsOneMembershipAndLeavesThePersonTheirOthers() {
        var north = fixtures.newTenant("North");
        var south = fixtures.newTenant("South");
        String kim = address("kim");
        var inNorth = member(north, kim, "Kim", Role.USER);
        var inSouth = member(south, kim, "Kim", Role.USER);
        fixtures.signInAs(fixtures.newUser(south, "Sam", Role.ADMIN));
        users.deactivate(inSouth.id());

        var me = signIn(kim);
        assertThat(me.choosing()).as("one seat left: straight in").isFalse();
        assertThat(me.tenantId()).isEqualTo(north.id());
        assertThat(me.accountId()).isEqualTo(inNorth.id());
    }

    /** A reset link mailed in one tenant's name must not outlive a password set through another tenant's. */
    @Test
    void aNewPasswordUsesUpTheResetLinksOfEveryTenant() {
        var north = fixtures.newTenant("North");
        var south = fixtures.newTenant("South");
        String kim = address("kim");
        var inNorth = member(north, kim, "Kim", Role.ADMIN);
        var inSouth = member(south, kim, "Kim", Role.ADMIN);
        fixtures.signInAs(inNorth);
        settings.save(LoopbackSmtp.basic(greenMail));
        fixtures.signInAs(inSouth);
        settings.save(LoopbackSmtp.basic(greenMail));
        fixtures.signOut();

        TenantContext.callAsTenant(north.id(), () -> {
            provisioning.recordLogin(inNorth.id());
            return null;
        });
        int before = greenMail.getReceivedMessages().length;
        resets.request(kim, "192.0.2.61", Locale.ENGLISH);
        String northLink = token(mailTo(kim, before));

        TenantContext.callAsTenant(south.id(), () -> {
            provisioning.recordLogin(inSouth.id());
            return null;
        });
        before = greenMail.getReceivedMessages().length;
        resets.request(kim, "192.0.2.62", Locale.ENGLISH);
        String southLink = token(mailTo(kim, before));
        assertThat(southLink).isNotEqualTo(northLink);
        assertThat(setup.check(northLink)).as("before: North's link works").isPresent();

        setup.setPassword(southLink, GOOD_PASSWORD, GOOD_PASSWORD);
        assertThat(setup.check(northLink))
                .as("after a password set through South's")
                .isEmpty();
        assertThatThrownBy(() -> setup.setPassword(northLink, "another long passphrase", "another long passphrase"))
                .isInstanceOf(LinkNotUsableException.class);
        assertThat(passwordIs(kim, GOOD_PASSWORD))
                .as("one password, in both tenants")
                .isTrue();
    }

    /** Operators are people too: a tenant inviting their address adds an invitation, and takes nothing. */
    @Test
    void theOperatorsAddressInvitedByATenantStaysTheOperators() {
        String olga = address("olga");
        var operator = operators.addOperator(olga, "Olga Operator", "operator passphrase 9");
        adminSendingToGreenMail(fixtures.newTenant("Squatter"));
        assertThat(invitations
                        .invite(olga, "Not Olga", Role.ADMIN, Locale.ENGLISH)
                        .invited())
                .isTrue();
        fixtures.signOut();

        var me = signIn(olga);
        assertThat(me.isOperator()).as("straight to the console").isTrue();
        assertThat(me.accountId()).isEqualTo(operator.id());
        assertThat(me.hasChoice())
                .as("the invitation waits behind Switch tenant")
                .isTrue();
        assertThat(passwordIs(olga, "operator passphrase 9")).isTrue();
        SecurityContextHolder.setContext(new SecurityContextImpl());
    }

    /** One folding (EmailKey, in Java), stored and compared as stored: PostgreSQL's own lower() never decides. */
    @Test
    void anAddressIsFoldedOnceSoEverySpellingReachesTheSamePerson() {
        var tenant = fixtures.newTenant("Folding");
        String typed = "İnci." + System.nanoTime() + "@People.Example";
        var member = member(tenant, typed, "İnci", Role.USER);
        assertThat(member.emailKey()).isEqualTo(dev.mailroom.people.EmailKey.of(typed));
        for (String spelling :
                new String[] {typed, typed.toUpperCase(Locale.ROOT), typed.toLowerCase(Locale.ROOT), "  " + typed + " "
                }) {
            assertThat(loginAccounts.find(spelling))
                    .as(spelling)
                    .hasValueSatisfying(a ->
                            assertThat(a.seats()).extracting(Seat::accountId).containsExactly(member.id()));
        }
        assertThat(loginAccounts.find("inci" + typed.substring(4)))
                .as("a different letter is a different address")
                .isEmpty();
    }
}
