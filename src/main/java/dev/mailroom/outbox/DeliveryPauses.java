package dev.mailroom.outbox;

import dev.mailroom.mail.ThrottlingReplies;
import dev.mailroom.tenant.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code delivery_pause} table: tenants whose server asked for a pause. The claim passes them by until the
 * pause ends ({@link OutboxStore}); new or removed settings lift it (a trigger on {@code smtp_settings}).
 */
@Component
class DeliveryPauses {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    DeliveryPauses(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /**
     * Pauses the tenant's sending after a "slow down" reply: each pause in a row longer than the last (from
     * {@code first}, doubling, at most {@code longest}); a run whose last pause ended more than {@code longest} ago
     * starts again from {@code first}. The message the server answered so is queued again, its
     * attempt not counted, with the server's words for the Deliveries page; the pause, not its due time, holds
     * it back, so that lifting the pause sends the tenant's mail in order at once.
     *
     * @return the pause as stored
     */
    DeliveryPause pause(
            UUID tenant,
            String destination,
            ThrottlingReplies.Throttling throttling,
            Duration first,
            Duration longest,
            UUID message,
            String node) {
        return asDispatcher(() -> {
            var pause = jdbc.sql("""
                            insert into delivery_pause as p
                                (tenant_id, destination, kind, reply, pauses, paused_at, paused_until)
                            values (:tenant, :destination, :kind, :reply, 1, clock_timestamp(),
                                    clock_timestamp() + make_interval(secs => :first))
                            on conflict (tenant_id) do update
                            set destination = excluded.destination, kind = excluded.kind, reply = excluded.reply,
                                pauses = case when p.paused_until < clock_timestamp() - make_interval(secs => :longest)
                                              then 1 else p.pauses + 1 end,
                                paused_at = excluded.paused_at,
                                paused_until = clock_timestamp() + make_interval(secs => case
                                    when p.paused_until < clock_timestamp() - make_interval(secs => :longest)
                                    then :first
                                    else least(:longest, :first * power(2, least(p.pauses, 30))) end)
                            returning destination, kind, reply, pauses, paused_until""")
                    .param("tenant", tenant)
                    .param("destination", destination)
                    .param("kind", throttling.kind().name())
                    .param("reply", throttling.reply())
                    .param("first", first.toSeconds())
                    .param("longest", longest.toSeconds())
                    .query(DeliveryPauses::map)
                    .single();
            jdbc.sql("""
                            update outbox_message
                            set state = case when attempts > 1 then 'RETRYING' else 'QUEUED' end,
                                attempts = attempts - 1, lease_until = null, next_attempt_at = clock_timestamp(),
                                last_error_key = 'mail.explain.paused', last_error = :reply
                            where id = :id and claimed_by = :node and state = 'SENDING'""")
                    .param("reply", throttling.reply())
                    .param("id", message)
                    .param("node", node)
                    .update();
            return pause;
        });
    }

    /** A message went through: the tenant's pause, if any, is over and its count starts again. */
    void lift(UUID tenant) {
        asDispatcher(() -> jdbc.sql("delete from delivery_pause where tenant_id = :tenant")
                .param("tenant", tenant)
                .update());
    }

    /** The tenant's pause, if its end is still ahead (in the caller's transaction, under its tenant). */
    Optional<DeliveryPause> current(UUID tenant) {
        return jdbc.sql("""
                        select destination, kind, reply, pauses, paused_until from delivery_pause
                        where tenant_id = :tenant and paused_until > clock_timestamp()""").param("tenant", tenant).query(DeliveryPauses::map).optional();
    }

    private static DeliveryPause map(ResultSet rs, int row) throws SQLException {
        return new DeliveryPause(
                rs.getString("destination"),
                ThrottlingReplies.Kind.valueOf(rs.getString("kind")),
                rs.getString("reply"),
                rs.getInt("pauses"),
                rs.getTimestamp("paused_until").toInstant());
    }

    private <T> T asDispatcher(Supplier<T> work) {
        return TenantContext.callAsOutboxDispatcher(
                () -> Objects.requireNonNull(transaction.execute(tx -> work.get())));
    }
}
