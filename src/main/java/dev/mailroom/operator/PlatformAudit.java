package dev.mailroom.operator;

import dev.mailroom.tenant.TenantContext;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The platform's own audit trail (V20): what was done to operator accounts, by whom; no tenant's, no secret. */
@Component
public class PlatformAudit {

    public enum Action {
        OPERATOR_RECOVERY_CREATED,
        OPERATOR_RECOVERY_PASSWORD_SET,
        OPERATOR_PASSWORD_RESET
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    PlatformAudit(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    public void record(String actor, Action action, UUID operatorId) {
        TenantContext.callAsOperator(() -> transaction.execute(tx -> jdbc.sql("""
                        insert into platform_audit_event (actor_name, action, subject_id)
                        values (:actor, :action, :subject)""")
                .param("actor", actor)
                .param("action", action.name())
                .param("subject", operatorId)
                .update()));
    }
}
