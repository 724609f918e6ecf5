package dev.mailroom.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.mail.ConnectionSecurity;
import dev.mailroom.smtp.AuthType;
import dev.mailroom.smtp.MailServiceInUse;
import dev.mailroom.smtp.SmtpSettingsDraft;
import dev.mailroom.smtp.SmtpSettingsService;
import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatusService;
import dev.mailroom.status.StatusSource;
import dev.mailroom.support.DatabaseOwner;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.users.Invitations;
import dev.mailroom.users.Role;
import dev.mailroom.users.SessionValidity;
import dev.mailroom.users.UserService;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/** The operator console on real PostgreSQL: across tenants for operators, closed to everyone else. */
@MailroomTest
class TenantsConsoleTest {

    static final String OPERATOR = "operator@mailroom.example";
    static final String SECRET = "the-tenants-own-s3cret";

    @Autowired
    dev.mailroom.throttle.SignInLocks signInLocks;

    @Autowired
    TestTenants fixtures;

    @Autowired
    TenantsConsole console;

    @Autowired
    SmtpSettingsService settings;

    @Autowired
    MailStatusService status;

    @Autowired
    UserService users;

    @Autowired
    Invitations invitations;

    @Autowired
    UserDetailsService accounts;

    @Autowired
    SessionValidity validity;

    @Autowired
    DatabaseOwner owner;

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    private TenantOverview find(String slug, boolean onlyProblems) {
        return console.tenants(onlyProblems, 0, 100_000).stream()
                .filter(t -> t.slug().equals(slug))
                .findFirst()
                .orElse(null);
    }

    @Test
    void tenantsComeByNameWhateverTheCaseAndPagesNeitherOverlapNorSkip() {
        var zeta = fixtures.newTenant("zeta");
        var alpha = fixtures.newTenant("Alpha");
        var mu = fixtures.newTenant("mu");
        fixtures.signInAs(OPERATOR);
        var all = console.tenants(false, 0, 100_000).stream()
                .map(TenantOverview::slug)
                .toList();
        assertThat(all).containsSubsequence(alpha.slug(), mu.slug(), zeta.slug());

        var pages = new java.util.ArrayList<String>();
        for (int offset = 0; offset < all.size(); offset += 2) {
            console.tenants(false, offset, 2).forEach(t -> pages.add(t.slug()));
        }
        assertThat(pages).isEqualTo(all);
    }

    @Test
    void operatorsSeeEveryTenantsMailButNoSecret() {
        var broken = fixtures.newTenant("Broken");
        fixtures.signInAs(fixtures.newUser(broken, "Bo", Role.ADMIN));
        settings.save(SmtpSettingsDraft.builder()
                .host("smtp.broken.example")
                .port(587)
                .security(ConnectionSecurity.STARTTLS)
                .senderAddress("noreply@broken.example")
                .authType(AuthType.BASIC)
                .username("broken-user")
                .newPassword(SECRET)
                .build());
        status.recordProblem(
                MailHealth.ERROR, StatusSource.DELIVERY, "mail.explain.bad-credentials", "535 5.7.8 rejected");
        var quiet = fixtures.newTenant("Quiet");
        var quinn = fixtures.newUser(quiet, "Quinn", Role.ADMIN);
        signInLocks.lock(quinn.email(), java.time.Duration.ofMinutes(3));
        fixtures.newUser(quiet, "Quentin", Role.ADMIN);

        fixtures.signInAs(OPERATOR);
        var b = find(broken.slug(), false);
        assertThat(b.customSettings()).isTrue();
        assertThat(b.level()).isEqualTo(MailHealth.ERROR);
        assertThat(b.reasonKey()).isEqualTo("mail.explain.bad-credentials");
        assertThat(b.admins()).isEqualTo(1);
        var q = find(quiet.slug(), false);
        assertThat(q.customSettings()).isFalse();
        assertThat(q.hasProblem()).isFalse();
        assertThat(q.admins()).isEqualTo(2);
        assertThat(q.lockedAccounts()).as("Quinn failed to sign in too often").isEqualTo(1);
        assertThat(b.lockedAccounts()).isZero();
        assertThat(find(broken.slug(), true)).as("with problems").isNotNull();
        assertThat(find(quiet.slug(), true)).as("without problems").isNull();

        var seen = console.tenants(false, 0, 100_000).toString() + console.defaultService();
        assertThat(seen).doesNotContain(SECRET, "broken-user", "smtp.broken.example");
        assertThat(console.defaultService().kind()).isEqualTo(MailServiceInUse.DEMO_MAILBOX);
        assertThat(console.defaultService().tenantsUsingIt()).isPositive();
    }

    @Test
    void tenantAdminsCannotUseTheConsoleAndOperatorsCannotActAsTenantAdmins() {
        fixtures.signInAs(fixtures.newUser(fixtures.newTenant("Curious"), "Cy", Role.ADMIN));
        assertThatThrownBy(() -> console.tenants(false, 0, 10)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> console.defaultService()).isInstanceOf(AccessDeniedException.class);

        fixtures.signInAs(OPERATOR);
        assertThatThrownBy(() -> settings.load()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.listUsers()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> invitations.invite("x@y.example", "X", Role.ADMIN, Locale.ENGLISH))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aNewTenantComesWithItsFirstAdminInvitedOrNotAtAll() throws Exception {
        fixtures.signInAs(OPERATOR);
        String slug = "fresh-" + System.nanoTime();
        String admin = "first." + System.nanoTime() + "@fresh.example";
        var tenant = console.createTenant("Fresh Co", slug, admin, "Fay First", Locale.ENGLISH);

        assertThat(find(slug, false).name()).isEqualTo("Fresh Co");
        assertThat(accounts.loadUserByUsername(admin).isEnabled())
                .as("invited, no password yet")
                .isFalse();
        try (var db = owner.connect();
                var st = db.prepareStatement("select kind, recipient from outbox_message where tenant_id = ?")) {
            st.setObject(1, tenant.id());
            var rs = st.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("kind")).isEqualTo("INVITATION");
            assertThat(rs.getString("recipient")).isEqualTo(admin);
        }

        assertThatThrownBy(() -> console.createTenant("Again", slug, "other@fresh.example", "O", Locale.ENGLISH))
                .isInstanceOfSatisfying(
                        InvalidTenantException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("console.create.error.slug-taken"));
        assertThatThrownBy(() -> console.createTenant("Bad", "Not A Slug!", "b@fresh.example", "B", Locale.ENGLISH))
                .isInstanceOfSatisfying(
                        InvalidTenantException.class, e -> assertThat(e.field()).isEqualTo("slug"));
        String orphan = "orphan-" + System.nanoTime();
        assertThatThrownBy(() -> console.createTenant(
                        "Orphan", orphan, "orphan@fresh.example", "Ada of prizes.example", Locale.ENGLISH))
                .isInstanceOf(dev.mailroom.users.InvalidInvitationException.class);
        assertThat(find(orphan, false)).as("no tenant without its admin").isNull();
        // A first admin who is already another tenant's member is invited like anyone.
        String second = "second-" + System.nanoTime();
        var elsewhere = fixtures.newUser(fixtures.newTenant("Elsewhere"), "Elio", Role.ADMIN);
        console.createTenant("Second Home", second, elsewhere.email(), "Elio", Locale.ENGLISH);
        assertThat(find(second, false)).as("Ada's second tenant").isNotNull();
    }

    @Test
    void aSuspendedTenantsPeopleCannotSignInAndTheirSessionsEnd() {
        var tenant = fixtures.newTenant("Paused");
        var user = fixtures.newUser(tenant, "Pat", Role.ADMIN);
        var signedIn = Instant.now();

        fixtures.signInAs(OPERATOR);
        console.suspend(tenant.id());
        assertThat(find(tenant.slug(), false).suspended()).isTrue();
        assertThat(accounts.loadUserByUsername(user.email()).isEnabled()).isFalse();
        assertThat(TenantContext.callAsTenant(tenant.id(), () -> validity.stillValid(user.id(), signedIn)))
                .isFalse();

        fixtures.signInAs(OPERATOR);
        console.resume(tenant.id());
        assertThat(accounts.loadUserByUsername(user.email()).isEnabled()).isTrue();
        fixtures.signInAs(user);
        assertThat(validity.stillValid(user.id(), signedIn)).isTrue();
    }
}
