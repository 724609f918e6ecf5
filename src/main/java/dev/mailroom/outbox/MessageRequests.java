package dev.mailroom.outbox;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The send API's requests (V22) and their deliveries, in the caller's transaction (row-level security: the tenant's). */
@Repository
class MessageRequests {

    record Stored(UUID id, byte[] bodyHash) {}

    private final JdbcClient jdbc;

    MessageRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> byKey(UUID tenant, String key) {
        return jdbc.sql(
                        "select id, body_hash from message_request where tenant_id = :tenant and idempotency_key = :key")
                .param("tenant", tenant)
                .param("key", key)
                .query((rs, n) -> new Stored(rs.getObject("id", UUID.class), rs.getBytes("body_hash")))
                .optional();
    }

    boolean exists(UUID id) {
        return jdbc.sql("select count(*) from message_request where id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** @return false when a request with this key came first (a retry racing its original) */
    boolean insert(UUID id, UUID tenant, @Nullable String key, byte[] bodyHash) {
        return jdbc.sql("""
                                insert into message_request (id, tenant_id, idempotency_key, body_hash)
                                values (:id, :tenant, :key, :hash) on conflict (tenant_id, idempotency_key) do nothing""")
                        .param("id", id)
                        .param("tenant", tenant)
                        .param("key", key)
                        .param("hash", bodyHash)
                        .update()
                == 1;
    }

    List<OutboxMessage> deliveries(UUID request) {
        return jdbc.sql("select * from outbox_message where request_id = :request order by recipient")
                .param("request", request)
                .query(OutboxStore::map)
                .list();
    }
}
