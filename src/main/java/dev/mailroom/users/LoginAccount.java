package dev.mailroom.users;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What sign-in needs to know about an account, tenant member or platform operator. */
public record LoginAccount(
        UUID accountId,
        @Nullable UUID tenantId,
        String email,
        String displayName,
        @Nullable String passwordHash,
        @Nullable Role role,
        @Nullable String preferredLanguage,
        boolean enabled,
        Instant lookedUpAt) {

    public boolean isOperator() {
        return tenantId == null;
    }
}
