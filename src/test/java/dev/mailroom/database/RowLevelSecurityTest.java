package dev.mailroom.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.outbox.MailKind;
import dev.mailroom.outbox.Outbox;
import dev.mailroom.people.EmailKey;
import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.tenant.Tenant;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.users.Role;
import dev.mailroom.users.User;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The second wall: even a query with no tenant filter at all cannot cross tenants. */
@MailroomTest
class RowLevelSecurityTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    TestTenants fixtures;

    @Autowired
    Outbox outbox;

    @Autowired
    dev.mailroom.support.DatabaseOwner databaseOwner;

    Tenant acme;
    Tenant globex;
    User globexAdmin;
    User acmeAdmin;

    @BeforeEach
    void twoTenants() {
        acme = fixtures.newTenant("Acme");
        globex = fixtures.newTenant("Globex");
        acmeAdmin = fixtures.newUser(acme, "Ada", Role.ADMIN);
        globexAdmin = fixtures.newUser(globex, "Gina", Role.ADMIN);
    }

    private long countAllUsers() {
        return tx.execute(
                s -> jdbc.sql("select count(*) from app_user").query(Long.class).single());
    }

    @Test
    void aQueryWithNoTenantSetSeesNoUsersAtAll() throws Exception {
        long rowsThatExist;
        try (var owner = databaseOwner.connect();
                var rs = owner.createStatement().executeQuery("select count(*) from app_user")) {
            rs.next();
            rowsThatExist = rs.getLong(1);
        }
        assertThat(rowsThatExist).isGreaterThanOrEqualTo(2);
        assertThat(countAllUsers()).isZero();
    }

    @Test
    void aQueryForOneTenantSeesOnlyThatTenantsRows() {
        var tenantsSeen = TenantContext.callAsTenant(
                acme.id(),
                () -> tx.execute(s -> jdbc.sql("select distinct tenant_id from app_user")
                        .query(UUID.class)
                        .list()));
        assertThat(tenantsSeen).containsExactly(acme.id());
    }

    @Test
    void aTenantCannotWriteRowsIntoAnotherTenant() {
        assertThatThrownBy(() -> TenantContext.callAsTenant(
                        acme.id(),
                        () -> tx.execute(s -> jdbc.sql("""
                insert into app_user (id, tenant_id, person_id, email, email_key, display_name, role)
                values (:id, :tenant, :person, :email, :email, 'Intruder', 'ADMIN')""")
                                .param("id", UUID.randomUUID())
                                .param("tenant", globex.id())
                                .param("person", acmeAdmin.personId())
                                .param("email", "intruder-" + UUID.randomUUID() + "@evil.test")
                                .update())))
                .rootCause()
                .hasMessageContaining("violates row-level security policy");
    }

    @Test
    void aTenantCannotChangeAnotherTenantsRowsEvenByPrimaryKey() {
        int changed = TenantContext.callAsTenant(
                acme.id(),
                () -> tx.execute(s -> jdbc.sql("update app_user set role = 'USER' where id = :id")
                        .param("id", globexAdmin.id())
                        .update()));
        assertThat(changed).isZero();
    }

    @Test
    void signInMaySeeExactlyTheAccountBeingSignedInWith() {
        String key = EmailKey.of(globexAdmin.email().toUpperCase());
        var emails = TenantContext.callForLogin(
                key,
                () -> tx.execute(s -> jdbc.sql("select email from app_user")
                        .query(String.class)
                        .list()));
        assertThat(emails).containsExactly(globexAdmin.email());
        var people = TenantContext.callForLogin(
                key,
                () -> tx.execute(s ->
                        jdbc.sql("select email from person").query(String.class).list()));
        assertThat(people).containsExactly(globexAdmin.email());
    }

    /** A person is a tenant's to read once they joined it: not before (an invitee), never another tenant's. */
    @Test
    void aTenantSeesThePeopleWhoJoinedItAndNobodyElse() {
        String invitee = "invitee-" + UUID.randomUUID() + "@elsewhere.test";
        TenantContext.callAsTenant(
                acme.id(),
                () -> tx.execute(s -> {
                    var person = jdbc.sql("select person_id from mailroom_person_for(:email, :email)")
                            .param("email", invitee)
                            .query(UUID.class)
                            .single();
                    return jdbc.sql("""
                            insert into app_user (id, tenant_id, person_id, email, email_key, display_name, role)
                            values (:id, :tenant, :person, :email, :email, 'Invitee', 'USER')""")
                            .param("id", UUID.randomUUID())
                            .param("tenant", acme.id())
                            .param("person", person)
                            .param("email", invitee)
                            .update();
                }));
        var seen = TenantContext.callAsTenant(
                acme.id(),
                () -> tx.execute(s ->
                        jdbc.sql("select email from person").query(String.class).list()));
        assertThat(seen).contains(acmeAdmin.email()).doesNotContain(invitee, globexAdmin.email());
        Integer written = TenantContext.callAsTenant(
                acme.id(),
                () -> tx.execute(s -> jdbc.sql("update person set password_hash = 'x' where id = :id")
                        .param("id", globexAdmin.personId())
                        .update()));
        assertThat(written).as("another tenant's member's password").isZero();
        Long withoutScope = tx.execute(s -> jdbc.sql("""
                                select count(*) from person p
                                where not exists (select 1 from platform_operator o where o.person_id = p.id)""").query(Long.class).single());
        assertThat(withoutScope)
                .as("no tenant, no sign-in: nobody but the operators")
                .isZero();
    }

    @Test
    void theApplicationDoesNotConnectAsTheTablesOwner() {
        var row = tx.execute(s -> jdbc.sql("""
                select current_user as me, tableowner, r.rolsuper, r.rolbypassrls
                from pg_tables t join pg_roles r on r.rolname = current_user
                where t.tablename = 'app_user'""")
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)})
                .single());
        assertThat(row[0]).isNotEqualTo(row[1]);
        assertThat(row[2]).as("superuser").isEqualTo(false);
        assertThat(row[3]).as("bypasses RLS").isEqualTo(false);
    }

    @Test
    void theOperatorContextReadsAcrossTenantsButWritesNothing() {
        var seen =
                TenantContext.callAsOperator(() -> tx.execute(s -> jdbc.sql("select distinct tenant_id from app_user")
                        .query(UUID.class)
                        .list()));
        assertThat(seen).contains(acme.id(), globex.id());
        Integer changed = TenantContext.callAsOperator(
                () -> tx.execute(s -> jdbc.sql("update app_user set display_name = 'Renamed' where id = :id")
                        .param("id", globexAdmin.id())
                        .update()));
        assertThat(changed).as("select-only policy").isZero();
        Long audit = TenantContext.callAsOperator(() -> tx.execute(s ->
                jdbc.sql("select count(*) from audit_event").query(Long.class).single()));
        assertThat(audit).as("no policy on the audit").isZero();
    }

    @Test
    void aLinkHashSeesItsOneLinkAndNothingElse() {
        Long hashes = TenantContext.callForLink(
                "00",
                () -> tx.execute(s -> jdbc.sql("select count(*) from account_link")
                        .query(Long.class)
                        .single()));
        assertThat(hashes).isZero();
        Long users = TenantContext.callForLink(
                "00",
                () -> tx.execute(s -> jdbc.sql("select count(*) from app_user")
                        .query(Long.class)
                        .single()));
        assertThat(users).isZero();
    }

    @Test
    void theOutboxMarkFunctionIsTheDispatcherForItsOwnWorkOnly() {
        TenantContext.callAsTenant(
                globex.id(),
                () -> tx.execute(s -> {
                    outbox.enqueue(MailKind.ADMIN_NOTICE, "gina@globex.example", "Notice", "Body");
                    return null;
                }));
        var seenAfterTheCall = TenantContext.callAsTenant(
                acme.id(),
                () -> tx.execute(s -> {
                    jdbc.sql("select mailroom_outbox_mark_sent(:ids, 'node')")
                            .param("ids", new UUID[] {UUID.randomUUID()})
                            .query(Integer.class)
                            .single();
                    return jdbc.sql("select count(*) from outbox_message where tenant_id = :globex")
                            .param("globex", globex.id())
                            .query(Long.class)
                            .single();
                }));
        assertThat(seenAfterTheCall)
                .as("Globex's queued mail, seen from Acme's transaction")
                .isZero();
    }
}
