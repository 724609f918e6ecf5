package dev.mailroom.operator;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

/** Runs the deployment: sees every tenant, belongs to none. */
public record PlatformOperator(
        @Id UUID id,
        String email,
        String displayName,
        String passwordHash,
        @Nullable String preferredLanguage,
        Instant createdAt,
        @Version @Nullable Long version) {}
