package dev.mailroom.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    final Backoff backoff = new Backoff(Duration.ofMinutes(1), Duration.ofHours(1));

    @Test
    void theWaitDoublesWithEachAttemptWithinTwentyPercent() {
        for (int attempt = 1; attempt <= 6; attempt++) {
            long expected = Duration.ofMinutes(1L << (attempt - 1)).toMillis();
            for (int sample = 0; sample < 200; sample++) {
                assertThat(backoff.after(attempt).toMillis())
                        .as("attempt %d", attempt)
                        .isBetween(Math.round(expected * 0.8), Math.round(expected * 1.2));
            }
        }
    }

    @Test
    void theWaitStopsGrowingAtTheMaximumAndNeverOverflows() {
        long max = Duration.ofHours(1).toMillis();
        for (int attempt : new int[] {7, 20, 64, Integer.MAX_VALUE}) {
            assertThat(backoff.after(attempt).toMillis())
                    .as("attempt %d", attempt)
                    .isBetween(Math.round(max * 0.8), Math.round(max * 1.2));
        }
    }

    @Test
    void theJitterSpreadsMessagesThatFailedTogether() {
        var waits = new java.util.HashSet<Duration>();
        for (int i = 0; i < 50; i++) {
            waits.add(backoff.after(3));
        }
        assertThat(waits).hasSizeGreaterThan(10);
    }
}
