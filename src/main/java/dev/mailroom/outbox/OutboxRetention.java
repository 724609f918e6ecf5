package dev.mailroom.outbox;

import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes sent and failed messages older than the retention, a batch at a time: the Deliveries page shows recent
 * history, and nothing keeps old recipients and bodies for ever.
 */
final class OutboxRetention {

    private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);
    private static final int BATCH = 1000;

    private final OutboxStore store;
    private final OutboxProperties properties;

    OutboxRetention(OutboxStore store, OutboxProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** @param goOn asked between batches: a node that stops leaves the rest to the next hour */
    int purge(BooleanSupplier goOn) {
        int total = 0;
        int deleted;
        do {
            deleted = store.purgeOlderThan(properties.retention(), BATCH);
            total += deleted;
        } while (deleted == BATCH && goOn.getAsBoolean());
        if (total > 0) {
            log.info("Deleted {} delivered or failed outbox message(s) older than {}", total, properties.retention());
        }
        int requests = 0;
        do {
            deleted = store.purgeRequestsOlderThan(properties.retention(), BATCH);
            requests += deleted;
        } while (deleted == BATCH && goOn.getAsBoolean());
        if (requests > 0) {
            log.info("Deleted {} send API request(s) older than {}", requests, properties.retention());
        }
        return total;
    }

    /** The hourly run: a failure waits for the next hour. */
    void purgeQuietly(BooleanSupplier goOn) {
        try {
            purge(goOn);
        } catch (RuntimeException e) {
            log.warn("Could not delete old outbox messages; will try again in an hour", e);
        }
    }
}
