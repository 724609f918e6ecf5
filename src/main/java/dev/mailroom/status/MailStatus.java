package dev.mailroom.status;

import java.time.Instant;
import java.util.function.BiFunction;
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

    /**
     * Why, for a reader: the reason through {@code translate} (key, arguments) with the detail as its argument, or
     * null when there is no problem to explain. The page's banner, the API and the operator's views say it alike.
     */
    public @Nullable String reasonFor(BiFunction<String, Object[], String> translate) {
        return reasonFor(level, reasonKey, detail, translate);
    }

    /** {@link #reasonFor(BiFunction)} for a status read in parts (a row of the operator's list of tenants). */
    public static @Nullable String reasonFor(
            @Nullable MailHealth level,
            @Nullable String reasonKey,
            @Nullable String detail,
            BiFunction<String, Object[], String> translate) {
        return level != null && level.isProblem() && reasonKey != null
                ? translate.apply(reasonKey, new Object[] {detail == null ? "" : detail})
                : null;
    }

    public boolean isProblem() {
        return level.isProblem();
    }
}
