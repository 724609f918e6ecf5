package dev.mailroom.throttle;

import dev.mailroom.mail.HostNames;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailroom.throttle.*}: for Save, the connection tests and invitations, a limit per scope (capacity attempts
 * per period, refilled evenly), and how long one tenant's connection test may hold its lease at most.
 * Named properties rather than a map keyed by action, so that environment variables can set each one.
 * <p>
 * {@code shared-hosts} are the servers many tenants send through (Microsoft 365, Gmail …): tests of them are
 * limited per admin and per tenant, but not by one per-host limit that every tenant of the deployment shares.
 */
@ConfigurationProperties("mailroom.throttle")
public record ThrottleProperties(
        Limits save,
        Limits connectionTest,
        @Nullable Limits invitation,
        @Nullable Limits message,
        @Nullable ResetLimits passwordReset,
        @Nullable SignInLimits signIn,
        @DefaultValue("2m") Duration testLease,
        @DefaultValue List<String> sharedHosts) {

    /** Shared hosts in the form a tested server's host has; an entry that is no host name stops the start. */
    public ThrottleProperties {
        sharedHosts = sharedHosts.stream()
                .map(h -> {
                    var host = HostNames.normalise(h);
                    if (host == null) {
                        throw new IllegalArgumentException(
                                "mailroom.throttle.shared-hosts: '" + h + "' is not a host name");
                    }
                    return host;
                })
                .toList();
    }

    /** A host many tenants use: the per-host limit does not apply to it. */
    boolean shared(String host) {
        return sharedHosts.contains(HostNames.normalise(host));
    }

    /** Failed sign-ins per account (its sign-in name) and per client. */
    public record SignInLimits(
            @Nullable Limit account, @Nullable Limit client) {}

    /** "Forgot password?" requests per address and per client. */
    public record ResetLimits(
            @Nullable Limit address, @Nullable Limit client) {}

    /** A scope without a limit is not counted. */
    public record Limits(
            @Nullable Limit admin,
            @Nullable Limit tenant,
            @Nullable Limit host) {}

    public record Limit(long capacity, Duration period) {
        String key() {
            return capacity + "/" + period.toSeconds() + "s";
        }
    }

    @Nullable
    Limit limit(ThrottledAction action, ThrottleScope scope) {
        if (action == ThrottledAction.SIGN_IN) {
            return signIn == null
                    ? null
                    : switch (scope) {
                        case ACCOUNT -> signIn.account();
                        case CLIENT -> signIn.client();
                        default -> null;
                    };
        }
        if (action == ThrottledAction.PASSWORD_RESET) {
            return passwordReset == null
                    ? null
                    : switch (scope) {
                        case ADDRESS -> passwordReset.address();
                        case CLIENT -> passwordReset.client();
                        default -> null;
                    };
        }
        var limits = switch (action) {
            case SAVE -> save;
            case INVITATION -> invitation;
            case MESSAGE -> message;
            default -> connectionTest;
        };
        if (limits == null) {
            return null;
        }
        return switch (scope) {
            case ADMIN -> limits.admin();
            case TENANT -> limits.tenant();
            case HOST -> limits.host();
            default -> null;
        };
    }
}
