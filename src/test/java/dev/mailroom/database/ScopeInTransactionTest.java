package dev.mailroom.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.support.MailroomTest;
import dev.mailroom.support.TestTenants;
import dev.mailroom.tenant.TenantContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scope (tenant, sign-in lookup, operator…) is given to PostgreSQL when a transaction begins. A change of scope
 * inside an open transaction used to do nothing, silently (issue 32): the queries ran in the old scope. Refused now.
 */
@MailroomTest
class ScopeInTransactionTest {

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestTenants fixtures;

    private String tenantSetting() {
        return jdbc.sql("select current_setting('app.tenant', true)")
                .query(String.class)
                .single();
    }

    @Test
    void aScopeIsChosenBeforeTheTransactionNotInsideIt() {
        var acme = fixtures.newTenant("Acme");
        var globex = fixtures.newTenant("Globex");
        String inside = TenantContext.callAsTenant(acme.id(), () -> tx.execute(s -> tenantSetting()));
        assertThat(inside).isEqualTo(acme.id().toString());

        assertThatThrownBy(() -> TenantContext.callAsTenant(
                        acme.id(), () -> tx.execute(s -> TenantContext.callAsTenant(globex.id(), this::tenantSetting))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside an open transaction");
        assertThatThrownBy(() -> tx.execute(s -> TenantContext.callAsOperator(this::tenantSetting)))
                .as("the operator's door, from a transaction without it")
                .isInstanceOf(IllegalStateException.class);

        String same = TenantContext.callAsTenant(
                acme.id(), () -> tx.execute(s -> TenantContext.callAsTenant(acme.id(), this::tenantSetting)));
        assertThat(same)
                .as("the same scope again is no change")
                .isEqualTo(acme.id().toString());
        String after = TenantContext.callAsTenant(globex.id(), () -> tx.execute(s -> tenantSetting()));
        assertThat(after)
                .as("a new transaction takes the new scope")
                .isEqualTo(globex.id().toString());
    }
}
