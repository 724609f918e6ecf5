package dev.mailroom.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.tenant.Tenant;
import dev.mailroom.tenant.TenantService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

/** The first wall: every service method works inside the signed-in user's tenant, whatever ids it is given. */
@MailroomTest
class TenantIsolationTest {

    @Autowired
    UserService userService;

    @Autowired
    TenantService tenantService;

    @Autowired
    TestTenants fixtures;

    @Autowired
    LoginAccounts loginAccounts;

    Tenant acme;
    Tenant globex;
    User acmeAdmin;
    User acmeUser;
    User globexAdmin;
    User globexUser;

    @BeforeEach
    void twoTenants() {
        acme = fixtures.newTenant("Acme");
        globex = fixtures.newTenant("Globex");
        acmeAdmin = fixtures.newUser(acme, "Ada", Role.ADMIN);
        acmeUser = fixtures.newUser(acme, "Grace", Role.USER);
        globexAdmin = fixtures.newUser(globex, "Gina", Role.ADMIN);
        globexUser = fixtures.newUser(globex, "Hank", Role.USER);
    }

    @AfterEach
    void signOut() {
        fixtures.signOut();
    }

    @Test
    void anAdminListsOnlyTheirOwnTenantsUsers() {
        fixtures.signInAs(acmeAdmin);
        assertThat(userService.listUsers())
                .extracting(User::id)
                .containsExactlyInAnyOrder(acmeAdmin.id(), acmeUser.id());
        assertThat(tenantService.currentTenant().id()).isEqualTo(acme.id());
    }

    @Test
    void anotherTenantsUserDoesNotExistForAnAdmin() {
        fixtures.signInAs(acmeAdmin);
        assertThat(userService.findUser(globexUser.id())).isEmpty();
        assertThat(userService.findUser(acmeUser.id())).isPresent();
    }

    @Test
    void anAdminCannotChangeAnotherTenantsUser() {
        fixtures.signInAs(acmeAdmin);
        assertThatThrownBy(() -> userService.changeRole(globexUser.id(), Role.ADMIN))
                .isInstanceOf(UserNotFoundException.class);

        fixtures.signInAs(globexAdmin);
        assertThat(userService.findUser(globexUser.id()))
                .get()
                .extracting(User::role)
                .isEqualTo(Role.USER);
    }

    @Test
    void anAdminChangesARoleInTheirOwnTenant() {
        fixtures.signInAs(acmeAdmin);
        userService.changeRole(acmeUser.id(), Role.ADMIN);
        assertThat(userService.findUser(acmeUser.id()))
                .get()
                .extracting(User::role)
                .isEqualTo(Role.ADMIN);
    }

    @Test
    void theLastAdminOfATenantCannotBeDemoted() {
        fixtures.signInAs(globexAdmin);
        assertThatThrownBy(() -> userService.changeRole(globexAdmin.id(), Role.USER))
                .isInstanceOf(LastAdminException.class);
    }

    @Test
    void aUserWithoutTheAdminRoleIsRefusedTheUserList() {
        fixtures.signInAs(acmeUser);
        assertThatThrownBy(() -> userService.listUsers()).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobodySignedInIsRefusedEverything() {
        assertThatThrownBy(() -> userService.listUsers())
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> tenantService.currentTenant())
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void aUsersLanguageChoiceIsStoredForThemOnly() {
        fixtures.signInAs(acmeUser);
        userService.setMyLanguage("pl");
        fixtures.signInAs(acmeAdmin);
        assertThat(loginAccounts.find(acmeUser.email()))
                .get()
                .extracting(LoginAccount::preferredLanguage)
                .isEqualTo("pl");
        assertThat(loginAccounts.find(acmeAdmin.email()))
                .get()
                .extracting(LoginAccount::preferredLanguage)
                .isNull();
        assertThatThrownBy(() -> userService.setMyLanguage("xx")).isInstanceOf(IllegalArgumentException.class);
    }
}
