package dev.mailroom.throttle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Tenants' sending rates, counted in the attempt buckets ({@link AttemptThrottle}'s table and transaction), so
 * that every node paces a tenant's mail together. Not an attempt limit: mail above the rate waits, it is not
 * refused.
 */
public class SendingPace {

    private final AttemptThrottle throttle;

    SendingPace(AttemptThrottle throttle) {
        this.throttle = throttle;
    }

    /**
     * Takes one message of a tenant's sending rate (every node counts in the same buckets): at most
     * {@code perMinute} a minute, spaced evenly (one every 60/perMinute seconds, as providers count a rolling
     * minute), and {@code perDay} a day. All or nothing, like an attempt.
     *
     * @return zero when the message may go now; else how long until it may, and nothing was taken
     * @throws ThrottleUnavailableException the buckets could not be asked
     */
    public Duration take(UUID tenant, @Nullable Integer perMinute, @Nullable Integer perDay) {
        var wanted = new ArrayList<AttemptThrottle.Wanted>();
        if (perMinute != null) {
            var spacing = Duration.ofNanos(Duration.ofMinutes(1).toNanos() / perMinute);
            wanted.add(new AttemptThrottle.Wanted(
                    ThrottleScope.TENANT,
                    ThrottledAction.SENDING.key + ":minute:" + perMinute + ":" + tenant,
                    new ThrottleProperties.Limit(1, spacing)));
        }
        if (perDay != null) {
            wanted.add(new AttemptThrottle.Wanted(
                    ThrottleScope.TENANT,
                    ThrottledAction.SENDING.key + ":day:" + perDay + ":" + tenant,
                    new ThrottleProperties.Limit(perDay, Duration.ofDays(1))));
        }
        if (wanted.isEmpty()) {
            return Duration.ZERO;
        }
        return throttle.countedAndTold(AttemptThrottle.keys(wanted), buckets -> {
            long waitNanos = 0;
            for (var bucket : wanted) {
                var estimate = buckets.bucket(bucket.key(), bucket.limit()).estimateAbilityToConsume(1);
                if (!estimate.canBeConsumed()) {
                    waitNanos = Math.max(waitNanos, Math.max(1, estimate.getNanosToWaitForRefill()));
                }
            }
            if (waitNanos == 0) {
                wanted.forEach(
                        bucket -> buckets.bucket(bucket.key(), bucket.limit()).tryConsume(1));
            }
            return Duration.ofNanos(waitNanos);
        });
    }
}
