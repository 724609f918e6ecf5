package dev.mailroom.mailbox;

import dev.mailroom.tenant.TenantContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The demo mailbox's messages in PostgreSQL, each filed under its recipient's tenant (row-level security). */
@Component
class MailboxStore {

    record Arrival(
            String envelopeFrom,
            String recipient,
            @Nullable String fromHeader,
            @Nullable String subject,
            @Nullable String messageId,
            @Nullable String authMechanism,
            @Nullable String authUser,
            @Nullable String tlsProtocol,
            byte[] raw) {}

    private static final String ENTRY_COLUMNS = """
            id, received_at, coalesce(from_header, envelope_from) as sender, recipient, subject, auth_mechanism,
            auth_user, tls_protocol""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    MailboxStore(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Files a message and drops the tenant's oldest beyond {@code keep}, so a demo cannot fill the disk. */
    void file(UUID tenant, Arrival arrival, int keep) {
        TenantContext.callAsTenant(
                tenant,
                () -> transaction.execute(tx -> {
                    jdbc.sql("""
                            insert into mailbox_message (id, tenant_id, envelope_from, recipient, from_header, subject,
                                message_id, auth_mechanism, auth_user, tls_protocol, raw)
                            values (:id, :tenant, :from, :to, :fromHeader, :subject, :messageId, :mechanism, :user, :tls, :raw)""")
                            .param("id", UUID.randomUUID())
                            .param("tenant", tenant)
                            .param("from", arrival.envelopeFrom())
                            .param("to", arrival.recipient())
                            .param("fromHeader", arrival.fromHeader())
                            .param("subject", arrival.subject())
                            .param("messageId", arrival.messageId())
                            .param("mechanism", arrival.authMechanism())
                            .param("user", arrival.authUser())
                            .param("tls", arrival.tlsProtocol())
                            .param("raw", arrival.raw())
                            .update();
                    return jdbc.sql("""
                            delete from mailbox_message where id in (
                                select id from mailbox_message where tenant_id = :tenant
                                order by received_at desc offset :keep)""")
                            .param("tenant", tenant)
                            .param("keep", keep)
                            .update();
                }));
    }

    List<MailboxEntry> recent(UUID tenant, int limit) {
        return jdbc.sql("select " + ENTRY_COLUMNS
                        + " from mailbox_message where tenant_id = :tenant order by received_at desc limit :limit")
                .param("tenant", tenant)
                .param("limit", limit)
                .query((rs, n) -> entry(rs))
                .list();
    }

    record Stored(MailboxEntry entry, byte[] raw) {}

    Optional<Stored> find(UUID tenant, UUID id) {
        return jdbc.sql("select " + ENTRY_COLUMNS + ", raw from mailbox_message where tenant_id = :tenant and id = :id")
                .param("tenant", tenant)
                .param("id", id)
                .query((rs, n) -> new Stored(entry(rs), rs.getBytes("raw")))
                .optional();
    }

    private static MailboxEntry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new MailboxEntry(
                rs.getObject("id", UUID.class),
                rs.getObject("received_at", java.time.OffsetDateTime.class).toInstant(),
                rs.getString("sender"),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("auth_mechanism"),
                rs.getString("auth_user"),
                rs.getString("tls_protocol"));
    }
}
