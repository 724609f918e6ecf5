package dev.mailroom.tenant;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

public record Tenant(@Id UUID id, String slug, String name, Instant createdAt, @Version @Nullable Long version) {

    static Tenant create(String slug, String name) {
        return new Tenant(UUID.randomUUID(), slug, name, Instant.now(), null);
    }
}
