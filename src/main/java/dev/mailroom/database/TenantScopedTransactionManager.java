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
        var scope = TenantContext.currentScope();
        String tenant = scope.tenant() == null ? "" : scope.tenant().toString();
        try (var st = con.prepareStatement("select set_config('app.tenant', ?, true), "
                + "set_config('app.login_email', ?, true), set_config('app.outbox_dispatcher', ?, true), "
                + "set_config('app.link_hash', ?, true), set_config('app.operator', ?, true)")) {
            st.setString(1, tenant);
            st.setString(2, scope.loginKey());
            st.setString(3, scope.dispatcher() ? "on" : "");
            st.setString(4, scope.linkHash());
            st.setString(5, scope.operator() ? "on" : "");
            st.execute();
        }
        // Kept for the transaction's length, so that TenantContext can refuse a change of scope inside it.
        org.springframework.transaction.support.TransactionSynchronizationManager.unbindResourceIfPossible(
                TenantContext.TRANSACTION_SCOPE);
        org.springframework.transaction.support.TransactionSynchronizationManager.bindResource(
                TenantContext.TRANSACTION_SCOPE, scope);
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        org.springframework.transaction.support.TransactionSynchronizationManager.unbindResourceIfPossible(
                TenantContext.TRANSACTION_SCOPE);
        super.doCleanupAfterCompletion(transaction);
    }
}
