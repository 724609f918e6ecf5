package dev.mailroom.outbox;

import dev.mailroom.tenant.CurrentTenant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The signed-in admin's tenant's recent product mail, and Retry for a failed one. */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class Deliveries {

    private final JdbcClient jdbc;
    private final OutboxDispatcher dispatcher;

    Deliveries(JdbcClient jdbc, OutboxDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.dispatcher = dispatcher;
    }

    @Transactional(readOnly = true)
    public List<OutboxMessage> recent(int limit) {
        return jdbc.sql("select * from outbox_message where tenant_id = :tenant order by created_at desc limit :limit")
                .param("tenant", CurrentTenant.require())
                .param("limit", limit)
                .query(OutboxDispatcher::map)
                .list();
    }

    /** Queues a failed message again, with a fresh count of attempts. Row-level security keeps it to this tenant. */
    @Transactional
    public boolean retry(UUID id) {
        int changed = jdbc.sql("""
                        update outbox_message set state = 'QUEUED', attempts = 0, next_attempt_at = clock_timestamp()
                        where id = :id and tenant_id = :tenant and state = 'FAILED'""")
                .param("id", id)
                .param("tenant", CurrentTenant.require())
                .update();
        if (changed > 0) {
            dispatcher.wakeAfterCommit();
        }
        return changed > 0;
    }
}
