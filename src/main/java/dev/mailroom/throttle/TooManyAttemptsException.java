package dev.mailroom.throttle;

import java.time.Duration;

/** Refused by a limit; nothing was attempted. The page says when to try again and waits until then. */
public class TooManyAttemptsException extends RuntimeException {

    private final Duration retryAfter;
    private final ThrottleScope scope;

    TooManyAttemptsException(ThrottledAction action, ThrottleScope scope, Duration retryAfter) {
        super(action + " refused by the " + scope + " limit; retry after " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
        this.scope = scope;
    }

    /** Which limit said no. */
    public ThrottleScope scope() {
        return scope;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up: "try again in 0 seconds" would be a lie. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
