package dev.mailroom.database;

import dev.mailroom.tenant.TenantContext;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Tells PostgreSQL, at the start of every transaction, which tenant it runs for. Row-level security
 * policies read {@code app.tenant}; with none set they match no row, so a forgotten tenant filter in
 * a query returns nothing instead of another tenant's data. The setting is transaction-local, so a
 * pooled connection carries nothing over to its next user.
 */
class TenantScopedTransactionManager extends JdbcTransactionManager {

    TenantScopedTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        String tenant = TenantContext.currentTenantId().map(Object::toString).orElse("");
        String loginEmail = TenantContext.loginLookupEmail().orElse("");
        try (var st = con.prepareStatement("select set_config('app.tenant', ?, true), "
                + "set_config('app.login_email', ?, true), set_config('app.outbox_dispatcher', ?, true), "
                + "set_config('app.link_hash', ?, true), set_config('app.operator', ?, true)")) {
            st.setString(1, tenant);
            st.setString(2, loginEmail);
            st.setString(3, TenantContext.isOutboxDispatcher() ? "on" : "");
            st.setString(4, TenantContext.linkLookupHash().orElse(""));
            st.setString(5, TenantContext.isOperator() ? "on" : "");
            st.execute();
        }
    }
}
