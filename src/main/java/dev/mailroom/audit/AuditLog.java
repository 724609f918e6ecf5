package dev.mailroom.audit;

import dev.mailroom.tenant.CurrentTenant;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.tenant.TenantMember;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The tenant's audit trail. Entries are written in the same transaction as the change they describe. */
@Service
public class AuditLog {

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, Collection<String> changedFields) {
        var actor = TenantContext.currentMember();
        jdbc.sql("""
                insert into audit_event (tenant_id, actor_id, actor_name, action, details)
                values (:tenant, :actorId, :actorName, :action, :details)""")
                .param("tenant", CurrentTenant.require())
                .param("actorId", actor.map(TenantMember::accountId).orElse(null))
                .param("actorName", actor.map(TenantMember::displayName).orElse("Mailroom"))
                .param("action", action)
                .param("details", String.join(",", changedFields))
                .update();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<AuditEvent> recent(String actionPrefix, int limit) {
        return jdbc.sql("""
                select occurred_at, actor_name, action, details from audit_event
                where tenant_id = :tenant and action like :prefix
                order by occurred_at desc, id desc limit :limit""")
                .param("tenant", CurrentTenant.require())
                .param("prefix", actionPrefix + "%")
                .param("limit", limit)
                .query((rs, n) -> new AuditEvent(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4).isEmpty()
                                ? List.of()
                                : Arrays.asList(rs.getString(4).split(","))))
                .list();
    }
}
