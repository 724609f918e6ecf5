package dev.mailroom.throttle;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts attempts in token buckets kept in PostgreSQL (bucket4j), so every node shares the same limits.
 * An attempt takes one token from each bucket that applies, admin first, then tenant, then host; the
 * first empty bucket refuses it. Buckets are keyed by their limit too, so a changed limit starts afresh.
 * If the database cannot be asked, the attempt is refused.
 */
public class AttemptThrottle implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AttemptThrottle.class);
    private static final ThrottleScope[] ORDER = {ThrottleScope.ADMIN, ThrottleScope.TENANT, ThrottleScope.HOST};

    private static final int SWEEP_BATCH = 1_000;
    private static final long SWEEP_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final ThrottleProperties properties;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    private final MeterRegistry meters;
    private final DatabaseClock clock;

    AttemptThrottle(ThrottleProperties properties, DataSource dataSource, String table, MeterRegistry meters) {
        this.meters = meters;
        this.properties = properties;
        this.clock = new DatabaseClock(JdbcClient.create(dataSource));
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(table)
                .clientClock(clock)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
    }

    /**
     * Takes one attempt of {@code action} for this admin of this tenant (against {@code host}, if the
     * action connects somewhere).
     *
     * @throws TooManyAttemptsException    a limit is used up; it says when to try again
     * @throws ThrottleUnavailableException the limiter could not be asked
     */
    public void acquire(ThrottledAction action, UUID tenant, UUID admin, @Nullable String host) {
        for (ThrottleScope scope : ORDER) {
            String subject = switch (scope) {
                case ADMIN -> admin.toString();
                case TENANT -> tenant.toString();
                case HOST -> host == null ? null : host.toLowerCase(Locale.ROOT);
                default -> null;
            };
            take(
                    action,
                    scope,
                    subject,
                    "tenant " + tenant + " by admin " + admin + (host == null ? "" : " to " + host));
        }
        sweep();
    }

    /**
     * Takes one "Forgot password?" request for this address from this client (its IP address). The log
     * names the client, never the address: it may be a stranger's.
     */
    public void acquirePasswordReset(String address, String client) {
        take(ThrottledAction.PASSWORD_RESET, ThrottleScope.CLIENT, client, "client " + client);
        take(
                ThrottledAction.PASSWORD_RESET,
                ThrottleScope.ADDRESS,
                address.strip().toLowerCase(Locale.ROOT),
                "client " + client);
        sweep();
    }

    /**
     * Takes one sign-in attempt for this account (its sign-in name) from this client, before the password
     * is checked. A successful sign-in gives the attempts back ({@link #refund}), so only failures use them up.
     * An attempt a bucket refuses takes nothing from it and does not lengthen the wait.
     */
    public SignInAttempt takeSignIn(String account, String client) {
        String name = SignInLocks.normal(account);
        var taken = new java.util.LinkedHashMap<String, ThrottleProperties.Limit>();
        Duration accountWait = Duration.ZERO;
        Duration clientWait = Duration.ZERO;
        Duration lockOnFailure = Duration.ZERO;
        for (var scope : new ThrottleScope[] {ThrottleScope.ACCOUNT, ThrottleScope.CLIENT}) {
            var limit = properties.limit(ThrottledAction.SIGN_IN, scope);
            if (limit == null) {
                continue;
            }
            String key = key(ThrottledAction.SIGN_IN, scope, limit, scope == ThrottleScope.ACCOUNT ? name : client);
            var probe = consume(key, limit);
            if (!probe.isConsumed()) {
                refused(ThrottledAction.SIGN_IN, scope);
                var wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
                if (scope == ThrottleScope.ACCOUNT) {
                    accountWait = wait;
                } else {
                    clientWait = wait;
                }
                continue;
            }
            taken.put(key, limit);
            if (scope == ThrottleScope.ACCOUNT && probe.getRemainingTokens() == 0) {
                // The last attempt: if it fails, the account waits until the bucket refills by one.
                lockOnFailure = limit.period().dividedBy(limit.capacity());
            }
        }
        sweep();
        return new SignInAttempt(name, java.util.Map.copyOf(taken), accountWait, clientWait, lockOnFailure);
    }

    /**
     * One sign-in attempt as the limits saw it.
     *
     * @param accountWait   how long the account's attempts are used up for (zero: not refused by it)
     * @param clientWait    how long the client's attempts are used up for
     * @param lockOnFailure non-zero when this was the account's last attempt: how long a failure locks it
     */
    public record SignInAttempt(
            String account,
            java.util.Map<String, ThrottleProperties.Limit> takenFrom,
            Duration accountWait,
            Duration clientWait,
            Duration lockOnFailure) {
        public boolean refused() {
            return !accountWait.isZero() || !clientWait.isZero();
        }
    }

    /** Gives a successful sign-in's attempts back. */
    public void refund(SignInAttempt attempt) {
        for (var taken : attempt.takenFrom().entrySet()) {
            try {
                bucket(taken.getKey(), taken.getValue()).addTokens(1);
            } catch (RuntimeException e) {
                log.debug("Could not give back a sign-in attempt", e);
            }
        }
    }

    private void refused(ThrottledAction action, ThrottleScope scope) {
        meters.counter(
                        "mailroom.throttle.refusals",
                        "action",
                        action.key,
                        "scope",
                        scope.name().toLowerCase(Locale.ROOT))
                .increment();
    }

    private static String key(
            ThrottledAction action, ThrottleScope scope, ThrottleProperties.Limit limit, String subject) {
        return action.key + ":" + scope.name().toLowerCase(Locale.ROOT) + ":" + limit.key() + ":" + subject;
    }

    private void take(ThrottledAction action, ThrottleScope scope, @Nullable String subject, String who) {
        var limit = properties.limit(action, scope);
        if (limit == null || subject == null) {
            return;
        }
        ConsumptionProbe probe = consume(key(action, scope, limit, subject), limit);
        if (!probe.isConsumed()) {
            var wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            refused(action, scope);
            log.warn(
                    "Refused {} for {}: {} limit of {} reached, retry in {} s",
                    action,
                    who,
                    scope,
                    limit.key(),
                    wait.toSeconds());
            throw new TooManyAttemptsException(action, scope, wait);
        }
    }

    private io.github.bucket4j.distributed.BucketProxy bucket(String key, ThrottleProperties.Limit limit) {
        return buckets.builder()
                .build(
                        key,
                        () -> BucketConfiguration.builder()
                                .addLimit(l ->
                                        l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                                .build());
    }

    private ConsumptionProbe consume(String key, ThrottleProperties.Limit limit) {
        try {
            return bucket(key, limit).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            log.error("The attempt limiter failed; refusing the attempt", e);
            throw new ThrottleUnavailableException(e);
        }
    }

    /**
     * Buckets that have refilled completely are the same as no bucket: at most once a minute per node, the
     * attempt that comes along deletes a batch of them (a delete on every attempt cost each click a round trip).
     */
    private void sweep() {
        long last = lastSweep.get();
        long now = System.nanoTime();
        if (now - last < SWEEP_EVERY_NANOS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        try {
            buckets.removeExpired(SWEEP_BATCH);
        } catch (RuntimeException e) {
            log.debug("Could not sweep expired attempt buckets", e);
        }
    }

    @Override
    public void close() {
        clock.close();
    }
}
