package dev.mailroom.outbox;

import dev.mailroom.tenant.CurrentTenant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The signed-in admin's tenant's recent product mail, and Retry for a failed one. */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class Deliveries {

    private final OutboxStore store;
    private final OutboxDispatcher dispatcher;

    private final DeliveryPauses pauses;

    Deliveries(OutboxStore store, DeliveryPauses pauses, OutboxDispatcher dispatcher) {
        this.pauses = pauses;
        this.store = store;
        this.dispatcher = dispatcher;
    }

    @Transactional(readOnly = true)
    public List<OutboxMessage> recent(int limit) {
        return store.recent(CurrentTenant.require(), limit);
    }

    /** Whether the tenant's server has paused its sending, and until when. */
    @Transactional(readOnly = true)
    public Optional<DeliveryPause> pause() {
        return pauses.current(CurrentTenant.require());
    }

    /** Queues a failed message again, with a fresh count of attempts. Row-level security keeps it to this tenant. */
    @Transactional
    public boolean retry(UUID id) {
        boolean changed = store.requeueFailed(CurrentTenant.require(), id);
        if (changed) {
            dispatcher.wakeAfterCommit();
        }
        return changed;
    }
}
