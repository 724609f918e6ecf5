package dev.mailroom.throttle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Buckets that have refilled completely are the same as no bucket: at most once a minute per node, the attempt that
 * comes along deletes a batch of them (a delete on every attempt cost each click a round trip). Rows another call
 * has locked are skipped.
 */
final class ExpiredBuckets {

    private static final Logger log = LoggerFactory.getLogger(ExpiredBuckets.class);
    private static final int BATCH = 1_000;
    private static final long EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final JdbcClient jdbc;
    private final String table;
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    ExpiredBuckets(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    void sweepNowAndThen() {
        long last = lastSweep.get();
        long now = System.nanoTime();
        if (now - last < EVERY_NANOS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        try {
            jdbc.sql("delete from " + table + " where expires_at < :now and id in (select id from " + table
                            + " where expires_at < :now limit :batch for update skip locked)")
                    .param("now", System.currentTimeMillis())
                    .param("batch", BATCH)
                    .update();
        } catch (RuntimeException e) {
            log.debug("Could not sweep expired attempt buckets", e);
        }
    }
}
