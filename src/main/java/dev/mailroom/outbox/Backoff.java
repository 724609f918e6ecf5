package dev.mailroom.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: after attempt n the wait is first × 2^(n-1), capped, then spread by ±20 %
 * so that the messages of a recovered server do not all come back at the same instant.
 */
final class Backoff {

    private final Duration first;
    private final Duration max;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    Duration after(int attempts) {
        long base = first.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        long capped = Math.min(base, max.toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, Math.round(capped * jitter)));
    }
}
