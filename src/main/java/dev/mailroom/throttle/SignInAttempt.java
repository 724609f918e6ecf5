package dev.mailroom.throttle;

import java.time.Duration;
import java.util.Map;

/**
 * One sign-in attempt as the limits saw it ({@link AttemptThrottle#takeSignIn}).
 *
 * @param takenFrom     the buckets it took a token from, given back if the sign-in succeeds
 * @param accountWait   how long the account's attempts are used up for (zero: not refused by it)
 * @param clientWait    how long the client's attempts are used up for
 * @param lockOnFailure non-zero when this was the account's last attempt: how long a failure locks it
 */
public record SignInAttempt(
        String account,
        Map<String, ThrottleProperties.Limit> takenFrom,
        Duration accountWait,
        Duration clientWait,
        Duration lockOnFailure) {

    public boolean refused() {
        return !accountWait.isZero() || !clientWait.isZero();
    }
}
