package dev.mailroom.outbox;

import dev.mailroom.secrets.SealedSecret;
import dev.mailroom.tenant.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox table. Queueing and the Deliveries page run in their caller's transaction, under its tenant's
 * row-level security; the dispatcher's steps each run in a short transaction of their own, as the outbox
 * dispatcher (which sees every tenant's rows), so that no transaction is open while mail is being sent.
 */
@Component
class OutboxStore {

    // A suspended tenant's mail waits in the queue until the tenant is resumed.
    private static final String DUE = """
            ((state in ('QUEUED', 'RETRYING') and next_attempt_at <= clock_timestamp())
             or (state = 'SENDING' and lease_until < clock_timestamp()))
            and tenant_id not in (select id from tenant where suspended_at is not null)
            and tenant_id not in (select tenant_id from delivery_pause where paused_until > clock_timestamp())""";

    /** A failed attempt, to be written if this node still holds the message. */
    record Failure(UUID id, boolean giveUp, @Nullable Instant nextAttempt, String errorKey, String detail) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    OutboxStore(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    void insert(OutboxMessage m) {
        var created = Timestamp.from(m.createdAt());
        var link = m.link();
        jdbc.sql("""
                insert into outbox_message (id, tenant_id, message_id, kind, recipient, subject, body, state,
                                            next_attempt_at, created_at, link_ciphertext, link_key_id,
                                            html, reply_to, request_id)
                values (:id, :tenant, :messageId, :kind, :recipient, :subject, :body, 'QUEUED', :now, :now,
                        :link, :keyId, :html, :replyTo, :request)""")
                .param("id", m.id())
                .param("tenant", m.tenantId())
                .param("messageId", m.messageId())
                .param("kind", m.kind().name())
                .param("recipient", m.recipient())
                .param("subject", m.subject())
                .param("body", m.body())
                .param("now", created)
                .param("link", link == null ? null : link.ciphertext(), Types.BINARY)
                .param("keyId", link == null ? null : link.keyId())
                .param("html", m.html(), Types.VARCHAR)
                .param("replyTo", m.replyTo(), Types.VARCHAR)
                .param("request", m.requestId(), Types.OTHER)
                .update();
    }

    List<OutboxMessage> recent(UUID tenant, int limit) {
        return jdbc.sql("select * from outbox_message where tenant_id = :tenant order by created_at desc limit :limit")
                .param("tenant", tenant)
                .param("limit", limit)
                .query(OutboxStore::map)
                .list();
    }

    /** A failed message queued again, with a fresh count of attempts. */
    boolean requeueFailed(UUID tenant, UUID id) {
        return jdbc.sql("""
                        update outbox_message set state = 'QUEUED', attempts = 0, next_attempt_at = clock_timestamp()
                        where id = :id and tenant_id = :tenant and state = 'FAILED'""").param("id", id).param("tenant", tenant).update() > 0;
    }

    /**
     * One tenant's due messages, oldest first, claimed for this node until the lease runs out: the tenant whose
     * mail has waited longest, of those not {@code passedBy} (already at their share of this node).
     */
    List<OutboxMessage> claim(String node, Duration lease, int batchSize, Collection<UUID> passedBy) {
        return asDispatcher(() -> {
            UUID tenant = jdbc.sql("select tenant_id from outbox_message where " + DUE
                            + " and not (tenant_id = any(:passedBy))"
                            + " order by next_attempt_at limit 1 for update skip locked")
                    .param("passedBy", passedBy.toArray(UUID[]::new))
                    .query(UUID.class)
                    .optional()
                    .orElse(null);
            if (tenant == null) {
                return List.<OutboxMessage>of();
            }
            return jdbc
                    .sql("""
                            update outbox_message set state = 'SENDING', attempts = attempts + 1, claimed_by = :node,
                                   lease_until = clock_timestamp() + make_interval(secs => :lease)
                            where id in (select id from outbox_message where tenant_id = :tenant and\s""" + DUE + """
                                         order by created_at limit :batch for update skip locked)
                            returning *""")
                    .param("node", node)
                    .param("lease", lease.toSeconds())
                    .param("tenant", tenant)
                    .param("batch", batchSize)
                    .query(OutboxStore::map)
                    .list()
                    .stream()
                    .sorted(Comparator.comparing(OutboxMessage::createdAt))
                    .toList();
        });
    }

    /**
     * Accepted by the server: SENT, one-time links dropped. Only those this node still holds. One round trip,
     * in a transaction of its own (the database function says it is the dispatcher for that statement alone).
     */
    void markSent(List<UUID> ids, String node) {
        jdbc.sql("select mailroom_outbox_mark_sent(:ids, :node)")
                .param("ids", ids.toArray(UUID[]::new))
                .param("node", node)
                .query(Integer.class)
                .single();
    }

    /**
     * Messages this node claimed but did not attempt, back in the queue as they were (the attempt not counted),
     * for any node to claim again after {@code dueAfter} (at once, or when the tenant's sending rate allows).
     */
    void giveBack(List<UUID> ids, String node, Duration dueAfter) {
        if (ids.isEmpty()) {
            return;
        }
        asDispatcher(() -> jdbc.sql("""
                        update outbox_message
                        set state = case when attempts > 1 then 'RETRYING' else 'QUEUED' end,
                            attempts = attempts - 1, lease_until = null,
                            next_attempt_at = clock_timestamp() + make_interval(secs => :after)
                        where id = any(:ids) and claimed_by = :node and state = 'SENDING'""")
                .param("ids", ids.toArray(UUID[]::new))
                .param("after", dueAfter.toMillis() / 1000.0)
                .param("node", node)
                .update());
    }

    /**
     * A batch's failures in one transaction. Only rows this node still holds are written: if its lease ran out
     * and another node claimed them meanwhile, that node's outcome counts.
     */
    void recordFailures(List<Failure> failures, String node) {
        if (failures.isEmpty()) {
            return;
        }
        asDispatcher(() -> {
            for (var f : failures) {
                jdbc.sql("""
                                update outbox_message set state = :state, lease_until = null,
                                       next_attempt_at = coalesce(:next, next_attempt_at),
                                       last_error_key = :key, last_error = :detail
                                where id = :id and claimed_by = :node and state = 'SENDING'""")
                        .param("state", f.giveUp() ? "FAILED" : "RETRYING")
                        .param("next", f.nextAttempt() == null ? null : Timestamp.from(f.nextAttempt()))
                        .param("key", f.errorKey())
                        .param("detail", f.detail())
                        .param("id", f.id())
                        .param("node", node)
                        .update();
            }
            return failures.size();
        });
    }

    /** Deletes up to {@code limit} sent or failed messages older than the retention; returns how many. */
    int purgeOlderThan(Duration retention, int limit) {
        return asDispatcher(() -> jdbc.sql("""
                        delete from outbox_message where id in (
                            select id from outbox_message where state in ('SENT', 'FAILED')
                            and created_at < clock_timestamp() - make_interval(secs => :retention) limit :limit)""")
                .param("retention", retention.toSeconds())
                .param("limit", limit)
                .update());
    }

    /** Send API requests past the retention whose deliveries are all gone (their keys stop answering then). */
    int purgeRequestsOlderThan(Duration retention, int limit) {
        return asDispatcher(() -> jdbc.sql("""
                        delete from message_request where id in (
                            select r.id from message_request r
                            where r.created_at < clock_timestamp() - make_interval(secs => :retention)
                              and not exists (select 1 from outbox_message m where m.request_id = r.id)
                            limit :limit)""")
                .param("retention", retention.toSeconds())
                .param("limit", limit)
                .update());
    }

    /** The tenant that queued the message with this Message-ID, if it is still kept. */
    Optional<UUID> tenantOf(String messageId) {
        return asDispatcher(() -> jdbc.sql("select tenant_id from outbox_message where message_id = :id")
                .param("id", messageId)
                .query(UUID.class)
                .optional());
    }

    private <T> T asDispatcher(java.util.function.Supplier<T> work) {
        return TenantContext.callAsOutboxDispatcher(
                () -> java.util.Objects.requireNonNull(transaction.execute(tx -> work.get())));
    }

    static OutboxMessage map(ResultSet rs, int row) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new OutboxMessage(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getString("message_id"),
                MailKind.valueOf(rs.getString("kind")),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("body"),
                DeliveryState.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getString("last_error_key"),
                rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(),
                sent == null ? null : sent.toInstant(),
                rs.getBytes("link_ciphertext") == null
                        ? null
                        : new SealedSecret(rs.getString("link_key_id"), rs.getBytes("link_ciphertext")),
                rs.getString("html"),
                rs.getString("reply_to"),
                rs.getObject("request_id", UUID.class));
    }
}
