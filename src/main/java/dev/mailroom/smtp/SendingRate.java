package dev.mailroom.smtp;

import org.jspecify.annotations.Nullable;

/**
 * How fast a mail service accepts a tenant's mail: at most so many messages a minute (spaced evenly) and a day.
 * Providers publish theirs (Microsoft 365: 30 a minute and 10,000 a day per mailbox; Google Workspace: 2,000 a
 * day); mail above the rate waits in the queue, in order, instead of being refused and retried.
 *
 * @param perMinute null: no limit per minute
 * @param perDay    null: no limit per day
 */
public record SendingRate(
        @Nullable Integer perMinute, @Nullable Integer perDay) {

    public static final SendingRate NONE = new SendingRate(null, null);

    /** The most a field may say: beyond what any provider accepts, and small enough for the buckets' arithmetic. */
    public static final int MAX_PER_MINUTE = 100_000;

    public static final int MAX_PER_DAY = 100_000_000;

    public boolean paced() {
        return perMinute != null || perDay != null;
    }
}
