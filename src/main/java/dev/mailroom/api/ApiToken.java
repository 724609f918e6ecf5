package dev.mailroom.api;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A token as its tenant's admins see it: never the token itself, which is shown once, when it is made. */
public record ApiToken(
        UUID id,
        String name,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt,
        java.util.Set<TokenScope> scopes) {

    public boolean usable(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
