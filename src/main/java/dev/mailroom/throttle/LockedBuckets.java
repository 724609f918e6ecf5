package dev.mailroom.throttle;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The attempt buckets of one call, kept for bucket4j in the transaction that asks: their rows are locked and
 * read in one statement and written back in one. bucket4j's own PostgreSQL manager gives every bucket a
 * transaction of its own (a locking read, a write, a commit, on a connection of its own), so a test's three
 * buckets were nine round trips beside the transaction that takes its lease; here they are two inside it, and
 * an attempt that one bucket refuses takes nothing from the others (the transaction is rolled back). The
 * token arithmetic stays bucket4j's; this class only stores the state it hands over.
 * <p>
 * One instance serves one call on one thread, inside a Spring transaction on the same {@code DataSource}.
 */
final class LockedBuckets extends AbstractSelectForUpdateBasedProxyManager<String> {

    private final JdbcClient jdbc;
    private final String table;
    private final ExpirationAfterWriteStrategy expiry;

    /** The state of each locked row (a row made for this call holds none yet). */
    private final Map<String, byte[]> locked = new HashMap<>();

    private final Map<String, Written> written = new LinkedHashMap<>();

    private record Written(byte[] state, long expiresAt) {}

    private LockedBuckets(JdbcClient jdbc, String table, ClientSideConfig config) {
        super(config);
        this.jdbc = jdbc;
        this.table = table;
        this.expiry = config.getExpirationAfterWriteStrategy().orElseThrow();
    }

    /**
     * Locks the rows of these buckets in the current transaction and reads them, making the ones that are missing,
     * in one statement. Rows are taken in the order of their keys, so two calls that share buckets wait for each
     * other instead of deadlocking. (Locking the rows that exist and then making the others would take them out of
     * that order.) The update that changes nothing is there for its lock and for RETURNING: it writes a row
     * version, which the write-back writes anyway.
     */
    static LockedBuckets lock(JdbcClient jdbc, String table, ClientSideConfig config, List<String> keys) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Attempt buckets are locked in a transaction");
        }
        var buckets = new LockedBuckets(jdbc, table, config);
        if (keys.isEmpty()) {
            return buckets;
        }
        var ordered = List.copyOf(new TreeSet<>(keys));
        var rows = String.join(", ", Collections.nCopies(ordered.size(), "(?, cast(null as bytea))"));
        jdbc.sql("insert into " + table + " as b (id, state) values " + rows
                        + " on conflict (id) do update set state = b.state returning id, state")
                .params(ordered)
                .query(row -> {
                    buckets.locked.put(row.getString(1), row.getBytes(2));
                });
        return buckets;
    }

    BucketProxy bucket(String key, ThrottleProperties.Limit limit) {
        return builder()
                .build(
                        key,
                        () -> BucketConfiguration.builder()
                                .addLimit(l ->
                                        l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                                .build());
    }

    /** Writes what bucket4j changed, in one statement. */
    void writeBack() {
        if (written.isEmpty()) {
            return;
        }
        var rows = new StringJoiner(", ");
        var params = new ArrayList<>();
        written.forEach((key, write) -> {
            rows.add("(?, cast(? as bytea), cast(? as bigint))");
            params.add(key);
            params.add(write.state());
            params.add(write.expiresAt());
        });
        int updated = jdbc.sql("update " + table + " b set state = v.state, expires_at = v.expires_at from (values "
                        + rows + ") as v (id, state, expires_at) where b.id = v.id")
                .params(params)
                .update();
        if (updated != written.size()) {
            throw new IllegalStateException(
                    "Wrote " + updated + " of " + written.size() + " attempt buckets locked in this transaction");
        }
        written.clear();
    }

    @Override
    protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> requestTimeoutNanos) {
        return new Row(key);
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
        return true;
    }

    @Override
    public void removeProxy(String key) {
        throw new UnsupportedOperationException("Expired buckets are swept by AttemptThrottle");
    }

    /**
     * bucket4j's view of one bucket's row. Beginning, committing and rolling back are the asking transaction's:
     * a failure here reaches the caller as an exception and rolls it back.
     */
    private final class Row implements SelectForUpdateBasedTransaction {

        private final String key;

        Row(String key) {
            this.key = key;
        }

        @Override
        public void begin(Optional<Long> requestTimeoutNanos) {}

        @Override
        public void rollback() {}

        @Override
        public void commit(Optional<Long> requestTimeoutNanos) {}

        @Override
        public void release() {}

        @Override
        public LockAndGetResult tryLockAndGet(Optional<Long> requestTimeoutNanos) {
            if (!locked.containsKey(key)) {
                throw new IllegalStateException("A bucket not locked for this call: " + key);
            }
            return LockAndGetResult.locked(locked.get(key));
        }

        @Override
        public boolean tryInsertEmptyData(Optional<Long> requestTimeoutNanos) {
            throw new IllegalStateException("Every bucket of this call has a row: " + key);
        }

        @Override
        public void update(byte[] data, RemoteBucketState newState, Optional<Long> requestTimeoutNanos) {
            long ttl = expiry.calculateTimeToLiveMillis(newState, currentTimeNanos());
            // As bucket4j's own manager stores it, so the sweep reads it the same way.
            long expiresAt = ttl < 0 ? Long.MAX_VALUE : System.currentTimeMillis() + ttl;
            locked.put(key, data);
            written.put(key, new Written(data, expiresAt));
        }
    }
}
