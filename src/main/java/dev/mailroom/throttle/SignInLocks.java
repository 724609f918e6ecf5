package dev.mailroom.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which accounts have used up their sign-in attempts, and until when, for people to read: the tenant's
 * admins on the Users page and operators in the console. The limit itself is the bucket; this only shows it.
 * Times come from the database clock, like the buckets'.
 */
@Component
public class SignInLocks {

    private final JdbcClient jdbc;

    SignInLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account cannot sign in for {@code wait} from now (the database's now). */
    public void lock(String account, Duration wait) {
        jdbc.sql("""
                        insert into sign_in_lock (account, locked_until)
                        values (:account, clock_timestamp() + make_interval(secs => :seconds))
                        on conflict (account) do update set locked_until = greatest(sign_in_lock.locked_until, excluded.locked_until)
                        """)
                .param("account", normal(account))
                .param("seconds", Math.max(1.0, wait.toMillis() / 1000.0))
                .update();
        // Locks are rare; names tried by a password sprayer need not stay for ever.
        jdbc.sql("delete from sign_in_lock where locked_until < clock_timestamp() - interval '1 day'")
                .update();
    }

    /** Those of these accounts (as given) that are locked now, with the time each lock ends. */
    public Map<String, Instant> lockedAmong(Collection<String> accounts) {
        if (accounts.isEmpty()) {
            return Map.of();
        }
        // list(), not stream(): an unclosed stream would keep its connection from the pool
        var locked = jdbc
                .sql(
                        "select account, locked_until from sign_in_lock where account in (:accounts) and locked_until > clock_timestamp()")
                .param("accounts", accounts.stream().map(SignInLocks::normal).toList())
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getTimestamp(2).toInstant()))
                .list()
                .stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        return accounts.stream()
                .filter(a -> locked.containsKey(normal(a)))
                .collect(Collectors.toUnmodifiableMap(a -> a, a -> locked.get(normal(a)), (first, same) -> first));
    }

    /** The longest address there is (RFC 5321: a path of 256 octets, less its angle brackets). */
    public static final int MAX_NAME = 254;

    /** The one folding of an address the deployment has (decision 017), so locks and people agree. */
    static String normal(String account) {
        return dev.mailroom.people.EmailKey.of(account);
    }
}
