package dev.mailroom.throttle;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * bucket4j's clock, set by PostgreSQL's: every node refills the shared buckets by the same clock, so a node
 * whose clock runs ahead cannot hand out tokens early.
 * <p>
 * The clock is not asked on every limiter call. bucket4j reads it while it holds the bucket's row lock on a
 * pooled connection; a query of its own needed a second connection then, and enough concurrent attempts (as
 * many as the pool has connections) each held one and waited for another until the pool's 30-second timeout.
 * Instead the database's offset from this JVM's wall clock is measured every few seconds, on a thread of its
 * own, and added to the wall clock: the nodes agree to within a round trip, and no call waits for a connection.
 */
final class DatabaseClock implements TimeMeter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseClock.class);
    static final Duration REMEASURE = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final ScheduledExecutorService remeasure;
    private volatile long offsetNanos;

    DatabaseClock(JdbcClient jdbc) {
        this.jdbc = jdbc;
        measure();
        this.remeasure = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("database-clock").factory());
        remeasure.scheduleWithFixedDelay(
                this::measureQuietly, REMEASURE.toMillis(), REMEASURE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The database's time minus this JVM's, taken at the middle of one round trip. */
    void measure() {
        long before = wallNanos();
        Long micros = jdbc.sql("select (extract(epoch from clock_timestamp()) * 1000000)::bigint")
                .query(Long.class)
                .single();
        long after = wallNanos();
        offsetNanos = Objects.requireNonNull(micros) * 1000 - (before + (after - before) / 2);
    }

    private void measureQuietly() {
        try {
            measure();
        } catch (RuntimeException e) {
            // The last offset stays good for a while: clocks drift by milliseconds a day.
            log.warn(
                    "Could not read the database clock; the limits keep the last offset ({} ms)",
                    offsetNanos / 1_000_000,
                    e);
        }
    }

    long offsetNanos() {
        return offsetNanos;
    }

    private static long wallNanos() {
        var now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public long currentTimeNanos() {
        return wallNanos() + offsetNanos;
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }

    @Override
    public void close() {
        remeasure.shutdownNow();
    }
}
