package dev.mailroom.status;

import dev.mailroom.tenant.CurrentTenant;
import dev.mailroom.tenant.TenantContext;
import dev.mailroom.tenant.TenantMember;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The current tenant's mail status, stored in PostgreSQL so that every node and every admin sees one truth. */
@Service
public class MailStatusService {

    private final JdbcClient jdbc;

    MailStatusService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The signed-in admin's tenant's status, for the SMTP page and the sidebar. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public Optional<MailStatus> current() {
        return currentForTenant();
    }

    /** For trusted server-side callers that set the tenant themselves (the broadcaster, background work). */
    @Transactional(readOnly = true)
    Optional<MailStatus> currentForTenant() {
        return jdbc.sql("select * from mail_status where tenant_id = :tenant")
                .param("tenant", CurrentTenant.require())
                .query(MailStatusService::map)
                .optional();
    }

    /** Every change is announced in its own transaction: PostgreSQL delivers it to all nodes on commit. */
    private void announce() {
        jdbc.sql("select pg_notify('" + StatusChangeListener.CHANNEL + "', :tenant)")
                .param("tenant", CurrentTenant.require().toString())
                .query(rs -> {});
    }

    @Transactional
    public void recordProblem(MailHealth level, StatusSource source, String reasonKey, @Nullable String detail) {
        jdbc.sql("""
                insert into mail_status (tenant_id, level, source, reason_key, detail, since, triggered_by, version)
                values (:tenant, :level, :source, :reason, :detail, now(), :by, 0)
                on conflict (tenant_id) do update set
                    since = case when mail_status.level = excluded.level and mail_status.reason_key = excluded.reason_key
                                 then mail_status.since else now() end,
                    level = excluded.level, source = excluded.source, reason_key = excluded.reason_key,
                    detail = excluded.detail, triggered_by = excluded.triggered_by,
                    version = mail_status.version + 1""")
                .param("tenant", CurrentTenant.require())
                .param("level", level.name())
                .param("source", source.name())
                .param("reason", reasonKey)
                .param("detail", detail)
                .param("by", actorName())
                .update();
        announce();
    }

    /**
     * A success clears a problem found by the same kind of check (a good test does not hide a failing delivery).
     * Only a change of level is announced: every delivered batch records a success, and an unchanged OK is
     * not worth a re-read on every node.
     */
    @Transactional
    public void recordSuccess(StatusSource source) {
        // Lock and read the level first (PostgreSQL 17 has no OLD in RETURNING; a CTE with FOR UPDATE that is
        // only read in RETURNING runs after the update and finds the row already changed by this statement).
        var before = jdbc.sql("select level from mail_status where tenant_id = :tenant for update")
                .param("tenant", CurrentTenant.require())
                .query(String.class)
                .optional();
        var after = jdbc.sql("""
                insert into mail_status (tenant_id, level, source, since, last_success_at, triggered_by, version)
                values (:tenant, 'OK', :source, now(), now(), :by, 0)
                on conflict (tenant_id) do update set
                    last_success_at = now(),
                    level = case when mail_status.source = excluded.source or mail_status.level = 'OK'
                                 then 'OK' else mail_status.level end,
                    reason_key = case when mail_status.source = excluded.source then null else mail_status.reason_key end,
                    detail = case when mail_status.source = excluded.source then null else mail_status.detail end,
                    since = case when mail_status.source = excluded.source and mail_status.level <> 'OK'
                                 then now() else mail_status.since end,
                    version = mail_status.version + 1
                returning level""")
                .param("tenant", CurrentTenant.require())
                .param("source", source.name())
                .param("by", actorName())
                .query(String.class)
                .single();
        if (!before.map(after::equals).orElse(false)) {
            announce();
        }
    }

    /** Remove: no custom settings, nothing to be wrong with. */
    @Transactional
    public void clear() {
        jdbc.sql("delete from mail_status where tenant_id = :tenant")
                .param("tenant", CurrentTenant.require())
                .update();
        announce();
    }

    private static String actorName() {
        return TenantContext.currentMember().map(TenantMember::displayName).orElse("Mailroom");
    }

    private static MailStatus map(ResultSet rs, int row) throws SQLException {
        Timestamp lastSuccess = rs.getTimestamp("last_success_at");
        return new MailStatus(
                MailHealth.valueOf(rs.getString("level")),
                StatusSource.valueOf(rs.getString("source")),
                rs.getString("reason_key"),
                rs.getString("detail"),
                rs.getTimestamp("since").toInstant(),
                lastSuccess == null ? null : lastSuccess.toInstant(),
                rs.getString("triggered_by"));
    }
}
