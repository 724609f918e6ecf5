package dev.mailroom.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.tenant.TenantContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which sessions a change ends is decided by the database's clock, whatever the clock of the node that made the
 * change: a node whose clock is an hour behind must not leave sessions standing that another node started.
 */
@MailroomTest
class SessionClockTest {

    @Autowired
    TestTenants fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    LoginAccounts accounts;

    @Test
    void aChangeThatEndsSessionsIsTimedByTheDatabaseNotByTheNode() {
        var tenant = fixtures.newTenant("Clocks");
        var user = fixtures.newUser(tenant, "Cleo", Role.USER);
        Instant signedIn = accounts.find(user.email()).orElseThrow().lookedUpAt();

        // A node an hour behind writes the change with its own idea of now.
        Instant behind = Instant.now().minus(Duration.ofHours(1));
        Instant validFrom = TenantContext.callAsTenant(
                tenant.id(),
                () -> tx.execute(s -> {
                    jdbc.sql("update app_user set role = 'ADMIN', sessions_valid_from = :behind where id = :id")
                            .param("behind", Timestamp.from(behind))
                            .param("id", user.id())
                            .update();
                    return jdbc.sql("select sessions_valid_from from app_user where id = :id")
                            .param("id", user.id())
                            .query(Timestamp.class)
                            .single()
                            .toInstant();
                }));
        assertThat(validFrom)
                .as("the database's time of the change")
                .isAfter(signedIn)
                .isAfter(behind.plus(Duration.ofMinutes(59)));
    }
}
