package dev.mailroom.throttle;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts attempts in token buckets kept in PostgreSQL (bucket4j), so every node shares the same limits.
 * An attempt takes one token from each bucket that applies (admin, tenant, host); the first empty bucket
 * refuses it, and then it takes nothing from any. Buckets are keyed by their limit too, so a changed limit
 * starts afresh. If the database cannot be asked, the attempt is refused.
 * <p>
 * The buckets are counted in the caller's transaction when there is one (a connection test takes its lease in
 * the same one: an attempt refused rolls the lease back too), else in a transaction of their own.
 */
public class AttemptThrottle implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AttemptThrottle.class);

    private final ThrottleProperties properties;
    private final String table;
    private final JdbcClient jdbc;
    private final ClientSideConfig bucketConfig;
    private final TransactionTemplate transaction;
    private final ExpiredBuckets expired;

    private final ThrottleRefusals refusals;
    private final DatabaseClock clock;

    AttemptThrottle(ThrottleProperties properties, DataSource dataSource, String table, MeterRegistry meters) {
        this.refusals = new ThrottleRefusals(meters);
        this.properties = properties;
        this.table = table;
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = new DatabaseClock(jdbc);
        this.expired = new ExpiredBuckets(jdbc, table);
        this.bucketConfig = ClientSideConfig.getDefault()
                .withClientClock(clock)
                .withExpirationAfterWriteStrategy(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)));
        // Joins the caller's transaction on this DataSource, whichever manager began it. Buckets hold no tenant's
        // data, so a transaction of their own needs no tenant set (one round trip fewer for sign-ins).
        this.transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /**
     * Takes one attempt of {@code action} for this admin of this tenant (against {@code host}, if the
     * action connects somewhere).
     *
     * @throws TooManyAttemptsException    a limit is used up; it says when to try again
     * @throws ThrottleUnavailableException the limiter could not be asked
     */
    public void acquire(ThrottledAction action, UUID tenant, UUID admin, @Nullable String host) {
        var wanted = new ArrayList<Wanted>();
        want(wanted, action, ThrottleScope.ADMIN, admin.toString());
        want(wanted, action, ThrottleScope.TENANT, tenant.toString());
        if (host != null && !properties.shared(host)) {
            want(wanted, action, ThrottleScope.HOST, host.toLowerCase(Locale.ROOT));
        }
        takeAll(action, wanted, "tenant " + tenant + " by admin " + admin + (host == null ? "" : " to " + host));
    }

    /**
     * Takes one "Forgot password?" request for this address from this client (its IP address). The log
     * names the client, never the address: it may be a stranger's.
     */
    public void acquirePasswordReset(String address, String client) {
        var wanted = new ArrayList<Wanted>();
        want(wanted, ThrottledAction.PASSWORD_RESET, ThrottleScope.CLIENT, client);
        want(wanted, ThrottledAction.PASSWORD_RESET, ThrottleScope.ADDRESS, dev.mailroom.people.EmailKey.of(address));
        takeAll(ThrottledAction.PASSWORD_RESET, wanted, "client " + client);
    }

    /** One token from each bucket, or none from any: the first that is empty refuses the attempt. */
    private void takeAll(ThrottledAction action, List<Wanted> wanted, String who) {
        counted(keys(wanted), buckets -> {
            for (var bucket : wanted) {
                var probe = buckets.bucket(bucket.key(), bucket.limit()).tryConsumeAndReturnRemaining(1);
                if (!probe.isConsumed()) {
                    throw refusals.refused(action, bucket, probe, who);
                }
            }
        });
        expired.sweepNowAndThen();
    }

    /**
     * Takes one sign-in attempt for this account (its sign-in name) from this client, before the password
     * is checked. A successful sign-in gives the attempts back ({@link #refund}), so only failures use them up.
     * An attempt a bucket refuses takes nothing from it and does not lengthen the wait.
     */
    public SignInAttempt takeSignIn(String account, String client) {
        return takeSignIn(account, client, typed -> typed);
    }

    /**
     * @param accountOf the account's own address for a typed name (or the name, for none), asked only once the
     *                  client's bucket let the attempt through: every spelling that signs in to one account counts
     *                  in one bucket, however Java and the database fold its letters
     */
    public SignInAttempt takeSignIn(String account, String client, java.util.function.UnaryOperator<String> accountOf) {
        // The client first, alone: a client already refused makes no bucket for the name it typed (a flood of
        // random names from one client wrote a row for each). A name no address can have is counted for the client.
        var byClient = take(List.of(), client, "");
        if (byClient.refused() || account.strip().length() > SignInLocks.MAX_NAME) {
            expired.sweepNowAndThen();
            return byClient;
        }
        String name = SignInLocks.normal(accountOf.apply(account.strip()));
        var attempt = take(List.copyOf(byClient.takenFrom().keySet()), client, name);
        expired.sweepNowAndThen();
        return attempt;
    }

    /** The client's bucket (again, if {@code clientTaken} is empty) and, with a name, the account's. */
    private SignInAttempt take(List<String> clientTaken, String client, String name) {
        var wanted = new ArrayList<Wanted>();
        if (!name.isEmpty()) {
            want(wanted, ThrottledAction.SIGN_IN, ThrottleScope.ACCOUNT, name);
        }
        if (clientTaken.isEmpty()) {
            want(wanted, ThrottledAction.SIGN_IN, ThrottleScope.CLIENT, client);
        }
        var clientLimit = properties.limit(ThrottledAction.SIGN_IN, ThrottleScope.CLIENT);
        return countedAndTold(keys(wanted), buckets -> {
            var taken = new LinkedHashMap<String, ThrottleProperties.Limit>();
            Duration accountWait = Duration.ZERO;
            Duration clientWait = Duration.ZERO;
            Duration lockOnFailure = Duration.ZERO;
            for (var bucket : wanted) {
                var probe = buckets.bucket(bucket.key(), bucket.limit()).tryConsumeAndReturnRemaining(1);
                if (!probe.isConsumed()) {
                    refusals.count(ThrottledAction.SIGN_IN, bucket.scope());
                    var wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
                    if (bucket.scope() == ThrottleScope.ACCOUNT) {
                        accountWait = wait;
                    } else {
                        clientWait = wait;
                    }
                    continue;
                }
                taken.put(bucket.key(), bucket.limit());
                if (bucket.scope() == ThrottleScope.ACCOUNT && probe.getRemainingTokens() == 0) {
                    // The last attempt: if it fails, the account waits until the bucket refills by one.
                    lockOnFailure =
                            bucket.limit().period().dividedBy(bucket.limit().capacity());
                }
            }
            for (String key : clientTaken) {
                taken.put(key, java.util.Objects.requireNonNull(clientLimit));
            }
            return new SignInAttempt(name, Map.copyOf(taken), accountWait, clientWait, lockOnFailure);
        });
    }

    /** Gives a successful sign-in's attempts back. */
    public void refund(SignInAttempt attempt) {
        try {
            counted(
                    List.copyOf(attempt.takenFrom().keySet()),
                    buckets -> attempt.takenFrom()
                            .forEach((key, limit) -> buckets.bucket(key, limit).addTokens(1)));
        } catch (ThrottleUnavailableException e) {
            log.debug("Could not give back a sign-in attempt", e);
        }
    }

    /** A bucket an attempt takes from. */
    record Wanted(ThrottleScope scope, String key, ThrottleProperties.Limit limit) {}

    /** The bucket of this action, scope and subject, if the action is limited by that scope. */
    private void want(List<Wanted> wanted, ThrottledAction action, ThrottleScope scope, @Nullable String subject) {
        var limit = properties.limit(action, scope);
        if (limit != null && subject != null) {
            wanted.add(new Wanted(scope, key(action, scope, limit, subject), limit));
        }
    }

    static List<String> keys(List<Wanted> wanted) {
        return wanted.stream().map(Wanted::key).toList();
    }

    /**
     * Locks the buckets, lets {@code count} take from them (or give back), and writes them back: in the caller's
     * transaction or one of its own. An exception leaves every bucket as it was.
     */
    private void counted(List<String> keys, Consumer<LockedBuckets> count) {
        countedAndTold(keys, buckets -> {
            count.accept(buckets);
            return Boolean.TRUE;
        });
    }

    /** {@link #counted} for a count that tells what it found. */
    <T> T countedAndTold(List<String> keys, Function<LockedBuckets, T> count) {
        try {
            return Objects.requireNonNull(transaction.execute(tx -> {
                var buckets = LockedBuckets.lock(jdbc, table, bucketConfig, keys);
                T result = count.apply(buckets);
                buckets.writeBack();
                return result;
            }));
        } catch (TooManyAttemptsException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("The attempt limiter failed; refusing the attempt", e);
            throw new ThrottleUnavailableException(e);
        }
    }

    private static String key(
            ThrottledAction action, ThrottleScope scope, ThrottleProperties.Limit limit, String subject) {
        return action.key + ":" + scope.name().toLowerCase(Locale.ROOT) + ":" + limit.key() + ":" + subject;
    }

    @Override
    public void close() {
        clock.close();
    }
}
