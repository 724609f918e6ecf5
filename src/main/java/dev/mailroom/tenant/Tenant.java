package dev.mailroom.tenant;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

public record Tenant(
        @Id UUID id,
        String slug,
        String name,
        Instant createdAt,
        @Nullable Instant suspendedAt,
        @Version @Nullable Long version) {

    static Tenant create(UUID id, String slug, String name, Instant now) {
        return new Tenant(id, slug, name, now, null, null);
    }

    public boolean suspended() {
        return suspendedAt != null;
    }

    Tenant withSuspendedAt(@Nullable Instant at) {
        return new Tenant(id, slug, name, createdAt, at, version);
    }
}
