package dev.mailroom.throttle;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailroom.throttle.*}: for Save and for the connection tests, a limit per scope (capacity attempts
 * per period, refilled evenly), and how long one tenant's connection test may hold its lease at most.
 * Named properties rather than a map keyed by action, so that environment variables can set each one.
 */
@ConfigurationProperties("mailroom.throttle")
public record ThrottleProperties(Limits save, Limits connectionTest, @DefaultValue("2m") Duration testLease) {

    /** A scope without a limit is not counted. */
    public record Limits(@Nullable Limit admin, @Nullable Limit tenant, @Nullable Limit host) {
    }

    public record Limit(long capacity, Duration period) {
        String key() {
            return capacity + "/" + period.toSeconds() + "s";
        }
    }

    @Nullable Limit limit(ThrottledAction action, ThrottleScope scope) {
        var limits = action == ThrottledAction.SAVE ? save : connectionTest;
        if (limits == null) {
            return null;
        }
        return switch (scope) {
            case ADMIN -> limits.admin();
            case TENANT -> limits.tenant();
            case HOST -> limits.host();
        };
    }
}
