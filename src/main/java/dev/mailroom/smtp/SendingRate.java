package dev.mailroom.smtp;

import java.util.ArrayList;
import java.util.List;
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

    /** Either limit may be left out; one that is given is a whole number of messages a provider could accept. */
    List<FieldProblem> problems() {
        var problems = new ArrayList<FieldProblem>();
        if (perMinute != null && (perMinute < 1 || perMinute > MAX_PER_MINUTE)) {
            problems.add(FieldProblem.of(SmtpField.RATE_PER_MINUTE, "smtp.error.rate.range", MAX_PER_MINUTE));
        }
        if (perDay != null && (perDay < 1 || perDay > MAX_PER_DAY)) {
            problems.add(FieldProblem.of(SmtpField.RATE_PER_DAY, "smtp.error.rate.range", MAX_PER_DAY));
        }
        return problems;
    }
}
