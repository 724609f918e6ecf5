package dev.mailroom.status;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The mail_status table: one row per tenant, and the announcement of a change to every node. */
@Component
class MailStatusStore {

    private final JdbcClient jdbc;

    MailStatusStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<MailStatus> find(UUID tenant) {
        return jdbc.sql("select * from mail_status where tenant_id = :tenant")
                .param("tenant", tenant)
                .query(MailStatusStore::map)
                .optional();
    }

    /** PostgreSQL delivers the notification to every listening node when the transaction commits. */
    void announce(UUID tenant) {
        notify(StatusChangeListener.CHANNEL, tenant);
    }

    /** The tenant's SMTP settings changed, told the same way. */
    void announceSettingsChange(UUID tenant) {
        notify(StatusChangeListener.SETTINGS_CHANNEL, tenant);
    }

    private void notify(String channel, UUID tenant) {
        jdbc.sql("select pg_notify(:channel, :tenant)")
                .param("channel", channel)
                .param("tenant", tenant.toString())
                .query(rs -> {});
    }

    /** The problem, keeping its "since" when the same problem is found again. */
    void saveProblem(
            UUID tenant, MailHealth level, StatusSource source, String reasonKey, @Nullable String detail, String by) {
        jdbc.sql("""
                insert into mail_status (tenant_id, level, source, reason_key, detail, since, triggered_by, version)
                values (:tenant, :level, :source, :reason, :detail, now(), :by, 0)
                on conflict (tenant_id) do update set
                    since = case when mail_status.level = excluded.level and mail_status.reason_key = excluded.reason_key
                                 then mail_status.since else now() end,
                    level = excluded.level, source = excluded.source, reason_key = excluded.reason_key,
                    detail = excluded.detail, triggered_by = excluded.triggered_by,
                    version = mail_status.version + 1""")
                .param("tenant", tenant)
                .param("level", level.name())
                .param("source", source.name())
                .param("reason", reasonKey)
                .param("detail", detail)
                .param("by", by)
                .update();
    }

    /** The level before and after a success: a change is announced, an unchanged level is not. */
    record LevelChange(@Nullable String before, String after) {
        boolean changed() {
            return !after.equals(before);
        }
    }

    /**
     * A success by this source: clears a problem of the same source, keeps one of another source. The upsert
     * locks the row and reads its level in the same statement ({@code level_before}), so concurrent writers see
     * each other's levels in the order they commit.
     */
    LevelChange saveSuccess(UUID tenant, StatusSource source, String by) {
        return jdbc.sql("""
                insert into mail_status (tenant_id, level, source, since, last_success_at, triggered_by, version)
                values (:tenant, 'OK', :source, now(), now(), :by, 0)
                on conflict (tenant_id) do update set
                    level_before = mail_status.level,
                    last_success_at = now(),
                    level = case when mail_status.source = excluded.source or mail_status.level = 'OK'
                                 then 'OK' else mail_status.level end,
                    reason_key = case when mail_status.source = excluded.source then null else mail_status.reason_key end,
                    detail = case when mail_status.source = excluded.source then null else mail_status.detail end,
                    since = case when mail_status.source = excluded.source and mail_status.level <> 'OK'
                                 then now() else mail_status.since end,
                    version = mail_status.version + 1
                returning level_before, level""")
                .param("tenant", tenant)
                .param("source", source.name())
                .param("by", by)
                .query((row, n) -> new LevelChange(row.getString(1), row.getString(2)))
                .single();
    }

    void delete(UUID tenant) {
        jdbc.sql("delete from mail_status where tenant_id = :tenant")
                .param("tenant", tenant)
                .update();
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
