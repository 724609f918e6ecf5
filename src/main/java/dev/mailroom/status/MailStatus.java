package dev.mailroom.status;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A tenant's mail health: the reason is a translation key plus a detail (e.g. the provider's error code). */
public record MailStatus(
        MailHealth level,
        StatusSource source,
        @Nullable String reasonKey,
        @Nullable String detail,
        Instant since,
        @Nullable Instant lastSuccessAt,
        @Nullable String triggeredBy) {

    public boolean isProblem() {
        return level == MailHealth.ERROR || level == MailHealth.WARNING;
    }
}
