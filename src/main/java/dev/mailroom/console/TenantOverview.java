package dev.mailroom.console;

import dev.mailroom.status.MailHealth;
import dev.mailroom.status.MailStatus;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * One tenant as the operator console lists it. Nothing of the tenant's SMTP settings but whether they are
 * custom: no host, no user name, no secret. The status detail is what its admins see too (a server's reply,
 * or an unknown host's name), never a credential.
 *
 * @param level        null while nothing has been recorded (a new tenant)
 * @param lastDelivery the last product mail sent for the tenant; null if none yet
 * @param lockedAccounts members who cannot sign in for now after too many failed attempts
 */
public record TenantOverview(
        UUID id,
        String name,
        String slug,
        long admins,
        boolean customSettings,
        @Nullable MailHealth level,
        @Nullable String reasonKey,
        @Nullable String detail,
        @Nullable Instant statusSince,
        @Nullable Instant lastDelivery,
        boolean suspended,
        long lockedAccounts) {

    /** Why the tenant's mail has a problem, said as the SMTP page's banner says it; null when it has none. */
    public @Nullable String reasonFor(BiFunction<String, Object[], String> translate) {
        return MailStatus.reasonFor(level, reasonKey, detail, translate);
    }

    public boolean hasProblem() {
        return level != null && level.isProblem();
    }
}
